// zonula: show slider values as they move (the <output> next to each range input).
document.addEventListener("input", function (event) {
  var el = event.target;
  if (el instanceof HTMLInputElement && el.type === "range") {
    var out = document.querySelector('output[for="' + el.id + '"]');
    if (out) { out.textContent = el.value; }
  }
});
