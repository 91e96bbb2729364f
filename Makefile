# One command runs what CI runs: `make test`. `make run` starts the main job on a demo diary.
.PHONY: run test lint catalog
run:
	scripts/run.sh
test:
	scripts/test.sh
lint:
	.venv/bin/ruff check src tests benchmarks tools && .venv/bin/mypy
catalog:
	.venv/bin/pybabel extract -F babel.cfg -o src/zonula/translations/messages.pot --no-location --omit-header .
	.venv/bin/pybabel update -i src/zonula/translations/messages.pot -d src/zonula/translations -D messages --no-fuzzy-matching --ignore-obsolete
