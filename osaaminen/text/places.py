"""Finnish place names in work histories ("Lahti (2019-)", "Nastolassa", "Lahti-Helsinki-väliä").

Where someone worked is not evidence of what they can do, yet a place name shares character n-grams
with skill labels: "Lahti" matched "tarkastaa rahti" (inspect cargo) in every history that named the
city the project was built for. Like company names (:mod:`osaaminen.text.organisations`), place names
are blanked out of the units the recogniser scores, keeping offsets.

A place is a capitalised word that is, or inflects, the name of a Finnish municipality (Statistics
Finland's classification, 308 in 2025, in Finnish and, for bilingual ones, Swedish), of a municipality
merged since 2009 that people still name (Nastola, Valkeala, ...), or of a region. Inflected forms are
recognised as a stem of the name (with its consonant gradation: "Lahde-", "Helsingi-") plus a case
ending ("Lahdessa", "Vantaalla", "Helsinkiin"), without a dictionary: simplemma's Finnish one takes
about 2 s to load. A lower-case word is never taken: "lahti" (a bay) and "salo" stay words.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from osaaminen.text._lexicon import words
from osaaminen.text.finnish import VOWELS, back_vowels, weak_grade

__all__ = ["is_place", "place_spans"]

_MUNICIPALITIES_FI = words(
    """
    askola espoo hanko helsinki hyvinkää inkoo järvenpää karkkila kauniainen kerava kirkkonummi lapinjärvi
    lohja loviisa myrskylä mäntsälä nurmijärvi pornainen porvoo pukkila raasepori sipoo siuntio tuusula
    vantaa vihti
    aura kaarina kemiönsaari koski kustavi laitila lieto loimaa marttila masku mynämäki naantali nousiainen
    oripää paimio parainen pyhäranta pöytyä raisio rusko sauvo somero taivassalo turku uusikaupunki
    vehmaa
    eura eurajoki harjavalta huittinen jämijärvi kankaanpää karvia kokemäki merikarvia nakkila pomarkku
    pori rauma siikainen säkylä ulvila
    forssa hattula hausjärvi humppila hämeenlinna janakkala jokioinen loppi riihimäki tammela ypäjä
    akaa hämeenkyrö ikaalinen juupajoki kangasala kihniö lempäälä mänttä-vilppula nokia orivesi parkano
    pirkkala punkalaidun pälkäne ruovesi sastamala tampere urjala valkeakoski vesilahti virrat ylöjärvi
    asikkala hartola heinola hollola iitti kärkölä lahti orimattila padasjoki sysmä
    hamina kotka kouvola miehikkälä pyhtää virolahti
    imatra lappeenranta lemi luumäki parikkala rautjärvi ruokolahti savitaipale taipalsaari
    enonkoski hirvensalmi juva kangasniemi mikkeli mäntyharju pertunmaa pieksämäki puumala rantasalmi
    savonlinna sulkava
    iisalmi joroinen kaavi keitele kiuruvesi kuopio lapinlahti leppävirta pielavesi rautalampi rautavaara
    siilinjärvi sonkajärvi suonenjoki tervo tuusniemi varkaus vesanto vieremä
    heinävesi ilomantsi joensuu juuka kitee kontiolahti lieksa liperi nurmes outokumpu polvijärvi rääkkylä
    tohmajärvi
    hankasalmi joutsa jyväskylä jämsä kannonkoski karstula keuruu kinnula kivijärvi konnevesi kuhmoinen
    kyyjärvi laukaa luhanka multia muurame petäjävesi pihtipudas saarijärvi toivakka uurainen viitasaari
    äänekoski
    alajärvi alavus evijärvi ilmajoki isojoki isokyrö karijoki kauhajoki kauhava kuortane kurikka
    lappajärvi lapua seinäjoki soini teuva vimpeli ähtäri
    kaskinen korsnäs kristiinankaupunki kruunupyy laihia luoto maalahti mustasaari närpiö pedersöre
    pietarsaari uusikaarlepyy vaasa vöyri
    halsua kannus kaustinen kokkola lestijärvi perho toholampi veteli
    alavieska haapajärvi haapavesi hailuoto ii kalajoki kempele kuusamo kärsämäki liminka lumijoki
    merijärvi muhos nivala oulainen oulu pudasjärvi pyhäjoki pyhäjärvi pyhäntä raahe reisjärvi sievi
    siikajoki siikalatva taivalkoski tyrnävä utajärvi vaala ylivieska
    hyrynsalmi kajaani kuhmo paltamo puolanka ristijärvi sotkamo suomussalmi
    enontekiö inari kemijärvi keminmaa kittilä kolari muonio pelkosenniemi pello posio ranua rovaniemi
    salla savukoski simo sodankylä tervola tornio utsjoki ylitornio
    brändö eckerö finström föglö geta hammarland jomala kumlinge kökar lemland lumparland maarianhamina
    saltvik sottunga vårdö
    """
)
_MERGED = words(
    """
    nastola hämeenkoski artjärvi valkeala kuusankoski anjalankoski elimäki jaala iittala kangasniemi
    lammi tuulos renko kalvola hauho jyväskylän-maalaiskunta korpilahti säynätsalo vehkalahti ylämaa
    joutseno lauritsala kiikala perniö särkisalo suomusjärvi tammisaari sammatti
    """
)
_SWEDISH = words(
    """
    helsingfors esbo vanda grankulla kyrkslätt sibbo borgå lovisa hangö sjundeå raseborg lojo
    träskända kervo hyvinge åbo pargas kimitoön reso nådendal nystad björneborg raumo tavastehus
    tammerfors lahtis fredrikshamn villmanstrand nyslott vasa jakobstad karleby nykarleby kristinestad
    kaskö närpes korsholm malax vörå larsmo kronoby uleåborg torneå mariehamn ekenäs karis idensalmi kajana
    """
)
_REGIONS = words(
    """
    uusimaa varsinais-suomi satakunta kanta-häme pirkanmaa päijät-häme kymenlaakso etelä-karjala
    etelä-savo pohjois-savo pohjois-karjala keski-suomi etelä-pohjanmaa pohjanmaa keski-pohjanmaa
    pohjois-pohjanmaa kainuu lappi ahvenanmaa nyland österbotten birkaland kymmenedalen lappland
    """
)
_BOTH_PARTS_INFLECTED = words("uudenmaan uudellamaalla uudeltamaalta uudellemaalle")  # "Uusimaa"
PLACES = _MUNICIPALITIES_FI | _MERGED | _SWEDISH | _REGIONS | _BOTH_PARTS_INFLECTED
"""Folded (lower-case) names of Finnish municipalities, merged municipalities and regions. Left out: the
names that are also words a unit may start with (Kemi: "kemi" is Swedish for chemistry; Sund, Ingå;
Salo, whose genitive is "Salon"; the merged Pohja, Kisko and Karjaa: base, rail, cattle)."""

# Finnish case endings after a name's stem ("Vantaa-lla", "Lahde-ssa", "Helsinki-in", "Porvoo-seen").
_ENDING = re.compile(r"(?:n|ssa|ssä|sta|stä|lla|llä|lta|ltä|lle|na|nä|ksi|a|ä|ta|tä|seen|hin|[aeiouyäö]n)")
_WORD = re.compile(r"[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖa-zåäö][a-zåäöéü]+)*")


@cache
def _stems() -> dict[str, str]:
    """Every stem a place name inflects from, with the name: "lahde" -> "lahti", "tamperee" -> "tampere"."""
    stems: dict[str, str] = {}
    for name in PLACES:
        forms = {name}
        if name[-1] in VOWELS:
            body, last = name[:-1], name[-1]
            forms.add(weak_grade(body) + last)
            if last == "i":  # old e-stems: "Lahti" -> "Lahde-", "Rovaniemi" -> "Rovanieme-"
                forms |= {body + "e", weak_grade(body) + "e"}
            if last == "e":  # "Tampere" -> "Tamperee-lla"
                forms.add(name + "e")
        for form in forms:
            stems.setdefault(form, name)
    return stems


@lru_cache(maxsize=65_536)  # bounded: a service sees an open set of capitalised words
def is_place(word: str) -> bool:
    """Whether a capitalised ``word`` names (or inflects the name of) a Finnish place.

    Examples:
        >>> [is_place(w) for w in ("Lahti", "Lahdessa", "Vantaalla", "Helsingissä", "Päijät-Hämeessä")]
        [True, True, True, True, True]
        >>> [is_place(w) for w in ("lahti", "Lahja", "Hitsaaja", "Excel", "Hollolassä")]
        [False, False, False, False, False]
    """
    if not word[:1].isupper():
        return False
    folded = word.lower()
    if folded in PLACES:
        return True
    stems = _stems()
    for cut in range(len(folded) - 1, max(len(folded) - 5, 1), -1):
        stem, ending = folded[:cut], folded[cut:]
        if stem in stems and _ENDING.fullmatch(ending) and _harmonious(stems[stem], ending):
            return True
    return False


def _harmonious(name: str, ending: str) -> bool:
    """Finnish vowel harmony: "Kouvola-ssa", "Jyväskylä-ssä"; never "Hollola-ssä"."""
    back = back_vowels(name)
    if back is None:  # only e and i: "Tampere-ella" and "Rovaniemi-llä" both occur
        return True
    return not any(v in ending for v in ("äöy" if back else "aou"))


def place_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each Finnish place name in ``text``, with the compound it heads ("Helsinki-väliä").

    Examples:
        >>> text = "Laaduntarkastaja, Lahti (2019-). Ajoin Lahti–Helsinki-väliä, asuin Nastolassa."
        >>> [text[a:b] for a, b in place_spans(text)]
        ['Lahti', 'Lahti', 'Helsinki-väliä', 'Nastolassa']
    """
    spans = []
    for match in _WORD.finditer(text):
        word = match.group()
        if is_place(word):
            spans.append((match.start(), match.end()))
        elif "-" in word and is_place(word.split("-")[0]):
            spans.append((match.start(), match.end()))  # "Helsinki-väliä": a place's compound is about the place
    return spans
