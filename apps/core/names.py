"""Names as people write them: one key for every spelling of one name."""

import re
import unicodedata

from anyascii import anyascii

# Marks inside a word that are no letter of their own: apostrophes, and the soft and hard signs
# once transliterated (Ильяс gives Il'yas). Removed, so that the word stays whole.
_WORD_MARKS = str.maketrans("", "", "'’ʼ`´\u02b9\u02ba")

# Longest first: Russian щ and дж before their parts; дж is how Russian writes the
# Azerbaijani c and the Georgian ჯ (Cəfərov, Джафаров; Japaridze, Джапаридзе). What they
# become (no h, j, g or q) forms no spelling again: folding a folded name changes nothing.
_SPELLINGS = (
    ("shch", "s"),
    ("dzh", "c"),
    ("sh", "s"),
    ("ch", "c"),
    ("zh", "c"),
    ("kh", "x"),
    ("gh", "x"),
    ("j", "c"),
    ("g", "x"),
    ("q", "x"),
    ("h", "x"),
)
_SPELLING = re.compile("|".join(spelling for spelling, _ in _SPELLINGS))
_CANONICAL = dict(_SPELLINGS)

# A y that only glides into a vowel: at the start of a word (Yusif, Юсиф) or between vowels
# (Aliyev, Алиев; Ağayev, Агаев).
_GLIDE = re.compile(r"\by(?=[aeiou])|(?<=[aeiou])y(?=[aeiou])")
_DOUBLED = re.compile(r"([a-z])\1+")


def fold_name(text: str) -> str:
    """The key under which every usual spelling of a name meets: ``Əliyev``, ``ALIYEV``,
    ``Aliyev``, ``Aliev`` and ``Алиев`` all fold to ``aliav``.

    Searches compare folded names (a lookup by equality, a search by substring), and the
    folded columns store this key, so a change here needs a data migration refreshing them.

    The steps, and why:

    1. NFKC, then case-folded; the Turkic dotted and dotless i (İ i I ı) are one letter,
       because their capitals and small letters pair up differently from English ones.
    2. Anything that is not a letter separates words (``Smith-Jones``, ``Ağa oğlu``), except
       apostrophes and similar marks, which vanish (``O'Brien``, ``Il'yas``).
    3. anyascii writes every script in Latin letters (Cyrillic, Georgian, Greek …) and drops
       the diacritics (ş ç ğ ö ü ı → s c g o u i; ə → e).
    4. The spellings the transliterations of Azerbaijani and Russian disagree on become one
       letter: sh/s (ş), ch/c (ç), dzh/j/c (c, дж), zh/j (ж), and one back consonant, x,
       for h, x, kh, g, gh, q (ğ, q, x, h): Russian writes the Azerbaijani h as г or х
       (Həsənov, Гасанов; Şəhriyar, Шахрияр), x as х, q as г (Qasımov, Гасымов), and
       Ukrainian writes h where Russian writes g (Olha, Olga).
    5. ə is written a (passports: Mammadov, Rashad) or e (Russian and Turkish habits:
       Мамедов, Memmedov), so a and e are one vowel. The y of Russian -иев/-аев against
       Azerbaijani -iyev/-ayev glides and is dropped; any other y is i (Hüseynov, Гусейнов).
    6. A doubled letter counts once (Məmmədov, Мамедов; Abbasov, Abasov).

    What stays apart: a letter more or less at the end (Aliyev, Aliyeva; Ivanov, Ivanova) and
    other consonants or vowels (Hasanov, Huseynov; Mammadov, Mahmudov; Rashad, Rashid;
    Qasımov, Kasimov).

    The price of 4 and 5 is that a few names of other origins meet (Lena and Lana, Gary and
    Harry, Eldar and Aldar): a lookup also needs the serial, and a search's hits or an
    import's matches are shown to someone who decides. Without them the two most common
    spellings of the commonest Azerbaijani family names (Məmmədov, Həsənov, Hüseynov in their
    Russian forms Мамедов, Гасанов, Гусейнов) would never meet.
    """
    text = unicodedata.normalize("NFKC", text).casefold().translate(_WORD_MARKS)
    text = "".join(
        character if unicodedata.category(character)[0] in "LM" else " " for character in text
    )
    text = re.sub(r"[^a-z]+", " ", anyascii(text).lower().translate(_WORD_MARKS))
    text = _SPELLING.sub(lambda spelling: _CANONICAL[spelling[0]], text)
    text = _GLIDE.sub("", text).replace("y", "i").replace("e", "a")
    text = _DOUBLED.sub(r"\1", text)
    return " ".join(text.split())
