from privacy.categories import CATEGORIES


def record_rows():
    return list(CATEGORIES)
