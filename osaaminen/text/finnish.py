"""Two rules of Finnish morphology that name matching needs without a dictionary.

Consonant gradation weakens the consonants before a stem's last vowel in most case forms ("Lahti" ->
"Lahdessa", "englanti" -> "englanniksi"); vowel harmony picks an ending's vowels by the word's
("Kouvolassa", "Jyväskylässä"). simplemma knows inflected forms too, but loading its Finnish dictionary
takes about 2 s, which a warm start cannot afford for a few hundred names.
"""

from __future__ import annotations

__all__ = ["VOWELS", "back_vowels", "weak_grade"]

VOWELS = "aeiouyäö"
# Strong -> weak, tried in order at the end of a stem.
_GRADATION = (
    ("kk", "k"),
    ("pp", "p"),
    ("tt", "t"),
    ("nt", "nn"),
    ("nk", "ng"),
    ("mp", "mm"),
    ("lt", "ll"),
    ("rt", "rr"),
    ("ht", "hd"),
    ("rk", "r"),
    ("lk", "l"),
)


def weak_grade(stem: str) -> str:
    """``stem`` (a word without its last vowel) in the weak grade.

    Examples:
        >>> weak_grade("englant"), weak_grade("laht"), weak_grade("turk"), weak_grade("seinäjok")
        ('englann', 'lahd', 'tur', 'seinäjo')
        >>> weak_grade("ruots")
        'ruots'
    """
    for strong, weak in _GRADATION:
        if stem.endswith(strong):
            return stem[: -len(strong)] + weak
    if len(stem) > 2 and stem[-1] == "k" and stem[-2] in VOWELS:  # "joki" -> "joe-"
        return stem[:-1]
    return stem


def back_vowels(word: str) -> bool | None:
    """Whether endings after ``word`` take back vowels (a, o, u); ``None`` when it has only e and i.

    The last part of a word decides (its last four letters stand for it: "Rovaniemi" takes "-llä").

    Examples:
        >>> back_vowels("kouvola"), back_vowels("jyväskylä"), back_vowels("tampere")
        (True, False, None)
    """
    tail = word[-4:]
    if any(v in tail for v in "aou"):
        return True
    if any(v in tail for v in "äöy"):
        return False
    return None
