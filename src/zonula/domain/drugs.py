"""Medication classes that matter for the gut: NSAIDs, antibiotics, acid suppressants."""

from __future__ import annotations

from enum import StrEnum


class DrugClass(StrEnum):
    """Classes of medication the analysis treats as covariates."""

    NSAID = "nsaid"
    ANTIBIOTIC = "antibiotic"
    ACID_SUPPRESSANT = "acid_suppressant"


_NAMES: dict[DrugClass, tuple[str, ...]] = {
    DrugClass.NSAID: (
        "ibuprofen", "advil", "motrin", "nurofen", "naproxen", "aleve", "naprosyn", "aspirin",
        "acetylsalicylic", "diclofenac", "voltaren", "indomethacin", "indometacin", "ketoprofen",
        "meloxicam", "celecoxib", "celebrex", "etoricoxib", "piroxicam", "ketorolac", "nimesulide",
        "布洛芬", "芬必得", "萘普生", "阿司匹林", "双氯芬酸", "扶他林", "吲哚美辛", "美洛昔康",
        "塞来昔布", "洛索洛芬", "对乙酰氨基酚布洛芬",
    ),
    DrugClass.ANTIBIOTIC: (
        "amoxicillin", "augmentin", "penicillin", "ampicillin", "azithromycin", "clarithromycin",
        "erythromycin", "doxycycline", "tetracycline", "minocycline", "ciprofloxacin",
        "levofloxacin", "moxifloxacin", "metronidazole", "rifaximin", "cephalexin", "cefuroxime",
        "ceftriaxone", "cefixime", "clindamycin", "trimethoprim", "sulfamethoxazole",
        "nitrofurantoin", "vancomycin", "antibiotic",
        "阿莫西林", "青霉素", "阿奇霉素", "克拉霉素", "红霉素", "多西环素", "四环素", "环丙沙星",
        "左氧氟沙星", "甲硝唑", "利福昔明", "头孢", "克林霉素", "抗生素",
    ),
    DrugClass.ACID_SUPPRESSANT: (
        "omeprazole", "esomeprazole", "lansoprazole", "pantoprazole", "rabeprazole", "nexium",
        "prilosec", "famotidine", "ranitidine", "ppi",
        "奥美拉唑", "埃索美拉唑", "兰索拉唑", "泮托拉唑", "雷贝拉唑", "法莫替丁", "雷尼替丁",
    ),
}


def classify_drug(name: str) -> DrugClass | None:
    """Recognise a medication's class from its (brand or generic, English or Chinese) name."""
    text = name.strip().lower()
    if not text:
        return None
    for drug_class, names in _NAMES.items():
        if any(n in text for n in names):
            return drug_class
    return None
