"""Headline-like titles cut from the sentence that reports an event.

A reader scanning a chronology already sees the date beside each entry, so the
title drops the date phrase (with the preposition that introduced it) and who
said it ("according to the group", ", officials said"), keeps the main clause,
and is never cut in the middle of a word or left with dangling punctuation.
"""

from __future__ import annotations

import calendar
import re

from timeline.sentences import FINITE_VERB

TITLE_WORDS = 14
SHORTEST_CLAUSE = 5

TIME_OF_PHRASE = r"(?:\b(?:late|early|earlier|later)\s+)?"
DATE_PREPOSITION = re.compile(
    TIME_OF_PHRASE + r"(?:\b(?:on|in|at|during|over|throughout|since|by|from|of|until|till|through|as\s+of|"
    r"around|circa|approximately|from\s+(?:early|mid|late)\s+to)\s+(?:the\s+)?)?"
    + r"(?:\b(?:that|this)\s+)?" + TIME_OF_PHRASE + "$",
    re.I,
)
"""The words that lead into a date phrase: a preposition ('around 25 November', 'from early to mid-November'), an
article or a demonstrative the phrase leaves out ('That same month, the Telegraph reported'), a time of the day or
year ('late on')."""
OPENING_AFTER = re.compile(r"\s*(?:after|before)\s+$", re.I)
"""'After' or 'before' opening a sentence with a date phrase and a comma ('After 8 April, the emphasis shifted'): the
time the sentence is set in, which goes with the date; elsewhere it qualifies what follows ('after Friday prayers')."""
HELD_THEN = re.compile(
    r"\b(?:election|vote|referendum|meeting|talks|summit|conference|polls|ceremony|funeral|rally)( held)\s*$", re.I)
"""What is left of 'the election held on February 21' without its date: a participle that only led into the date."""
POSSESSIVE = re.compile(r"^['’]s\b")
ATTRIBUTION_AFTER = re.compile(
    r",\s*(?:according to [^,;]+|(?:[\w'’-]+\s+){0,5}?(?:said|says|added|reported|claimed|told [\w ]{1,40}?))\s*(?=[,;]|$)",
    re.I,
)
ATTRIBUTION_BEFORE = re.compile(
    r"^(?:according to [^,]+,\s*|(?:[\w'’-]+\s+){1,6}?(?:said|says|told reporters|announced)\s+(?:[\w'’-]+\s+){0,3}?that\s+)",
    re.I,
)
IMPERSONAL_ATTRIBUTION = re.compile(
    r"^it\s+(?:was|is|has\s+been)\s+(?:also\s+)?(?:reported|confirmed|announced|revealed|claimed|alleged)\s+that\s+",
    re.I)
"""'It was reported that ...': a saying with no one to name, which a title leaves out whatever the date dates."""
LEADING_FILLER = re.compile(
    r"^(?:(?:also|meanwhile|however|earlier in the week|later|then|today|early|and\s+(?:\w+\s+){1,2}(?:later|earlier))"
    r"\b[,\s]*)+", re.I)
"""Words a title does not open with: fillers, and what is left of two date phrases joined when one was removed
('On 30 October and two weeks later, talks were held')."""
WHEN_ALONE = re.compile(r"(?:\S+\s+){1,3}(?:came|happened|occurred|took\s+place|was|were)", re.I)
"""A title that says only that something happened ('The assault came'): its date phrase told what there was to tell
('on the eve of Ramadan'), and stays in it."""
TRAILING_WORDS = re.compile(
    r"(?:\s+\b(?:a|an|the|and|or|but|of|in|on|at|to|for|with|by|from|as|that|which|who|whose|when|while|after|"
    r"before|his|her|its|their|was|were|is|are|had|has|have)\b)+$",
    re.I,
)
SPACES = re.compile(r"\s+")
EDGE_PUNCTUATION = " ,;:.–—-"
"""What a title never begins or ends with: what is left of a clause break when the words beside it were removed."""
SUBJECT_PRONOUN = re.compile(
    r"^(?:(he|she)|(they)|(it)(?!\s+(?:is|was|has\s+been|had\s+been|would\s+be|will\s+be|seems|seemed|appears|"
    r"appeared|remains|remained|takes|took)\b))\b(?!['’])", re.I)
"""A pronoun opening a title, as group 1 ('he', 'she'), 2 ('they') or 3 ('it'); not the 'it' of 'It was the first
time', which stands for nothing."""
MODAL = re.compile(r"\b(?:would|will|could|can|may|might|must|should|shall)\b")
SUBJECT_END = re.compile(r"[,;:(]")
PEOPLE = frozenset("""
minister president leader spokesman spokeswoman official commander envoy king prince chief head secretary general
man woman boy girl vendor activist journalist lawyer officer
""".split())
"""Singular heads of a subject that names a person, whom 'it' does not stand for."""
NAME_WORD = r"(?:(?:al|el)-)?[A-Z][\w.'’-]*"
NAMED_SUBJECT = re.compile(rf"({NAME_WORD}(?:\s+(?:{NAME_WORD}|bin|ibn|de|van|von)){{0,4}})(?=,|\s+[a-z])")
"""A name opening a sentence and followed by its verb or an apposition: 'Hadi was sworn in', 'Bashir, 41, was born'."""
SUBORDINATE_SUBJECT = re.compile(
    rf"\b(?:after|when|as|because|while|before|until)\s+({NAME_WORD}(?:\s+(?:{NAME_WORD}|bin|ibn|de|van|von)){{0,4}})"
    rf"(?:,[^,;:]{{1,80}},)?\s+(?={FINITE_VERB.pattern})")
"""A name that is the subject of a clause led by 'after', 'when' and the like ('after Mohamed Bouazizi, a street
vendor, set himself on fire')."""
OPENING_PHRASE = re.compile(r"[^,;:]{1,60},\s+")
"""A phrase before the first comma of a sentence, which may set the scene before the subject."""
SCENE_PREPOSITIONS = "in|at|on|during|after|amid|following|with|under|despite"
"""Prepositions that open a phrase setting the scene of a sentence ('In a statement,')."""
SCENE_PREPOSITION = re.compile(rf"(?i:{SCENE_PREPOSITIONS}|as|by|from)\s")
CLAUSE_SUBJECT = re.compile(r"[A-Z]|(?:the|a|an)\s")
"""How the subject of a main clause after a phrase that sets the scene begins: a name or an article."""
OPENER = re.compile(
    rf"(?i:{SCENE_PREPOSITIONS}|by|from|since|until|earlier|later|meanwhile|"
    r"the\s+(?:same|next|following|previous)\s+\w+|(?:\w+\s+)?(?:hours?|days?|weeks?|months?|years?)\s+"
    r"(?:later|earlier|after))\b")
"""How a phrase that sets the scene of a sentence begins: a preposition, or a time ('The same day', 'Two days
later')."""
NOT_A_NAME = frozenset("""
The A An In On At After Before When While During By For From With As But And Or Since Until Once If Although Though
It He She They We I You This That These Those His Her Its Their Our There Here Some Many Most More Several All Both
Each Other Another Such No Any Meanwhile Later Earlier Also However Then Now Today Yesterday Tomorrow Tonight Last Next
""".split()) | frozenset(calendar.month_name[1:]) | frozenset(calendar.day_name)
"""Capitalised words that open sentences without naming anyone."""
SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:!?])")
REPEATED_BREAKS = re.compile(r"([,;:])(?:\s*[,;:])+")
EMPTY_PARENTHESES = re.compile(r"\(\s*\)")
ARTICLE_BEFORE = re.compile(r"\b(?:the|an?)\s+$", re.I)
DETERMINED_DATE = re.compile(r"(?i:the|that|this)\s")
VERB_BEFORE = re.compile(rf"(?:{FINITE_VERB.pattern})\s+$")
"""A verb right before a date phrase led by an article ('had called the day "Great Friday"', 'spent the night'),
whose object the phrase is."""
NOUN_AFTER = re.compile(r"\s+(?:[A-Z][\w'’-]*\s+){0,2}([a-z][\w'’-]*)")
""":func:`_qualifies_a_noun`: the noun after a date phrase that qualifies it, as group 1."""
OPENING_DATE_JOINER = re.compile(r"[\s,]*(?:and\s+)?")
COMMA_BEFORE_VERB = re.compile(rf",\s*(?={FINITE_VERB.pattern})")
COUNTED_FROM = re.compile(r"(?i)\b(?:after|before)$")
"""The end of a date phrase counted from what the clause goes on to name ('Thirteen years after')."""
EARLIER_HAPPENING = re.compile(
    r"(?:\bsince|\b(?:hours|days|weeks|months|years|shortly|soon)\s+after|,\s+following)\s+", re.I)
"""Words that lead into an earlier happening a sentence counts from: 'since', 'after' behind a measure of time
('came less than two weeks after the rebels took Damascus on December 8') and 'following' opening an aside ('Its
loss, following the recapture of Mosul in the summer, leaves'); a bare 'after' or 'following' leads into the cause
or the setting of what the sentence tells, which stays its event."""
CLAUSE_REST = re.compile(r"(?:[^,;:]|,(?=\s*\d))*")
"""The rest of a clause: up to its first comma, semicolon or colon, but for the comma inside a date ('March 15, 2011')."""
CLAUSE_COMMA = re.compile(r"[,;:](?!\d)")
"""A comma, semicolon or colon that ends a clause: not the comma inside a number ('1,000')."""
CLAUSE_ON_THE_DATE = re.compile(r"^\s*,\s*which\b(?:[^,;:]|,(?=\s*\d))*")
"""A clause about the date phrase itself (', which began in Syria today'), which goes with it; a 'when' clause
tells what went on then ('late yesterday, when police fired tear gas') and stays."""
CLAUSE_BREAK = re.compile(r"\s*(?:[,;:](?=\s)|\s[–—-]\s)\s*")
ASIDE = re.compile(r"\s[–—]\s[^–—]{1,80}?\s[–—]\s|\s\([^()]{1,80}\)")
PARTICIPLE_OPENER = re.compile(r"^(?i:(?!during\b)[a-z]+ing\b)[^,;:]{0,80},\s+")
"""'Speaking at the UN General Assembly, Putin called for': how a sentence set the scene before its subject, which a
headline leaves out."""
PREPOSITION_OPENER = re.compile(
    rf"^(?i:{SCENE_PREPOSITIONS})\s(?!(?i:least|most|all|total|average)\b)"
    r"[^,;:]{1,80},\s+")
"""'In an audio statement posted online, the group's spokesman said': where a sentence set the scene before its
subject, which a title too long for both leaves out ('At least 58 people, ...' is a subject)."""
REDUCED_RELATIVE = re.compile(r"[a-z]+ed\s+(?:online|by|in|on|at|from|to|for|during|with|over|into|across)\b")
"""A participle that qualifies the noun before it ('a statement posted online'), not a verb of a clause."""
NO_SUBJECT = re.compile(
    r"(?:in|on|at|near|of|by|with|from|to|for|which|who|whom|whose|where|when|while|as|and|but|or|after|before|"
    r"including)\b", re.I)
"""Words that continue a phrase rather than begin a subject ('Following the massacre, in which ...')."""
NOT_A_LIST_OF_NAMES = r"(?!\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:,|\s+and\b))"
PARTICIPLE_ASIDE = re.compile(rf",\s+\w+ed\s+(?:up\s+)?by\s+[^,;]{{1,80}},{NOT_A_LIST_OF_NAMES}\s*")
"""', backed by Russian air power,': who helped, set between commas, which a headline leaves out; not the start of a
list of names ('initiated by the United States, Russia, Turkey and Qatar'), whose first comma ends no aside."""
PARTICIPLE_LIST_ASIDE = re.compile(
    rf",\s+\w+ed\s+(?:up\s+)?by\s+(?P<helpers>[^,;]{{1,80}}?(?:,\s+[^,;]{{1,40}}?)*,?\s+and\s+[^,;]{{1,40}}?),"
    rf"{NOT_A_LIST_OF_NAMES}\s*")
"""The same aside naming several helpers (', backed up by artillery, air-strikes and tanks,'), which holds no verb
after its participle; one that does runs on into clauses of the sentence ('backed by Russia, took Homs and Hama,')."""
SUBJECT_ASIDE = re.compile(r"^([^,;:]{1,80}?),\s+([^,;:]{1,100}),\s+")
"""A subject with an aside between commas before its verb: 'Qatar, which remains opposed, did not send'."""
COORDINATION = re.compile(r"(?:,\s+(?:and|but|after)|\s+but|;)\s+")
"""Where a clause of its own begins: ', and', ', but', ', after' (what happened before the main clause's
happening: 'A ceasefire took effect today, after the presidents reached agreement yesterday'), a semicolon."""
AND_BEFORE_DATE = re.compile(rf"\s+and\s+(?={DATE_PREPOSITION.pattern})", re.I)
"""A bare 'and' right before the date phrase (and the words that lead into it): 'retook Al-Safira and the next day,
the army recaptured Aziziyeh' begins a clause of its own there."""
LATER_CLAUSE = re.compile(r"(?:,\s+(?:and|but)|\s+but|;)\s+")
"""Where a clause of its own may begin after the date phrase's: :data:`COORDINATION` but for ', after'."""
RELATIVE_WORD = re.compile(r"\b(?:which|who|whose|whom|that|where)\b")
RELATIVE_OPENING = re.compile(r",\s+(?:which|who)\s+|,\s+(?:a|an|the)\s+[^,;:]{1,60}?\s+who\s+")
"""Where a clause about the noun before it begins: ', which' or ', who' ('al-Qaeda, which expelled the group'), or
'who' after an apposition ('Colonel Riad al-Asaad, an air force officer who announced his defection')."""
DETERMINED = re.compile(r"\b(?i:the|its|his|her|their)\s")
NOT_IN_A_NOUN_PHRASE = re.compile(r"\b(?:to|in|on|at|by|for|from|with|into|against|after|before|and|or|that|than)\b")
NAME_AT_END = re.compile(rf"(?<!\bin\s)(?<!\bat\s)(?<!\bof\s)(?<!\bon\s)(?<!\bnear\s)(?<!\bfrom\s)(?<!\binto\s)"
                         rf"(?<!\bacross\s){NAME_WORD}(?:\s+(?:{NAME_WORD}|bin|ibn|de|van|von)){{0,4}}$")
"""A name ending a text, unless a preposition of place or 'of' leads into it: in 'the offensive in Iraq, which
began', the clause may be about the offensive as well as Iraq."""
UNTIL_OR_SINCE = re.compile(r"\b(?:until|till|since)\s+(?:(?:late|early)\s+(?:on\s+)?)?$", re.I)
WHEN_CLAUSE = re.compile(r"\s*,\s+when\s+((?:[^,;:]|,(?=\s*\d))+)")
"""', when' and its clause after a date phrase (', when the state news agency quoted an official')."""
APPOSITION = re.compile(r"(\b[A-Z][\w'’-]*),\s+(?:the|a|an|[A-Z][\w-]*['’]s)\s[^,;]{1,80},\s*")


def make_title(sentence: str, mark: tuple[int, int] | None, about: str | None = None,
               before: str | None = None, later: int | None = None, opening: tuple[int, int] | None = None) -> str:
    """A short headline for the event ``sentence`` reports; ``mark`` is the date phrase's place in it, ``about``
    whom the sentence before it was about (:func:`named_subject`), who a leading 'He' or 'She' is, and ``before``
    that sentence, whose subject a leading 'They' or 'It' may stand for (:func:`_with_antecedent`): a chronology's
    entries are read apart, where 'He died' tells nothing. ``later`` is where the sentence's next date begins, whose
    clause tells another event (:func:`_without_later_clause`), and ``opening`` the place of a date phrase opening
    the sentence, which a title of a later date leaves out (:func:`_without_opening_date`)."""
    if opening and mark and opening[1] <= mark[0]:
        sentence, mark, later = _without_opening_date(sentence, opening[1], mark, later)
    since = _since_clause(sentence, mark) if mark else None
    if since is not None:
        return make_title(*since)
    relative = _relative_clause(sentence, mark) if mark else None
    if relative is not None:
        return make_title(*relative)
    then = _when_clause(sentence, mark) if mark else None
    if then is not None:
        return make_title(then, None)
    own_clause = _coordinated_clause(sentence, mark) if mark else None
    if own_clause is not None:
        return make_title(*own_clause, about, sentence)
    sentence = _without_later_clause(sentence, mark, later) if mark and later else sentence
    title = remove_date_phrase(sentence, mark) if mark else sentence
    title = remove_attribution(title, keep_speaker=_dates_the_saying(sentence, mark))
    title = ASIDE.sub(" ", APPOSITION.sub(_apposition_dropped, _without_participle_asides(title)))
    title = IMPERSONAL_ATTRIBUTION.sub("", tidy(title))
    title = _without_subject_aside(_without_long_opener(_without_participle_opener(title))).strip(EDGE_PUNCTUATION)
    if mark and WHEN_ALONE.fullmatch(title):
        return make_title(sentence, None, about, before)
    title = shorten(_with_antecedent(title, about, before))
    return title[:1].upper() + title[1:] if title else shorten(tidy(sentence))


def _without_opening_date(sentence: str, opening_end: int, mark: tuple[int, int],
                          later: int | None) -> tuple[str, tuple[int, int], int | None]:
    """The sentence without the date phrase that opens it, which ends at ``opening_end`` before the date of the title
    (``mark``), with the places ``mark`` and ``later`` in what is left: 'On 12 July FSA reported that a commander
    had been killed on 11 July' titles the killing, which an 'On 12 July' would date wrong. What joined the phrase
    to the rest goes with it ('On 30 October and two weeks later,')."""
    cut = min(OPENING_DATE_JOINER.match(sentence, opening_end).end(), mark[0])
    return sentence[cut:], (mark[0] - cut, mark[1] - cut), later - cut if later is not None else None


def _without_participle_asides(text: str) -> str:
    """``text`` without the asides that name who helped (:data:`PARTICIPLE_ASIDE`, :data:`PARTICIPLE_LIST_ASIDE`)."""
    return PARTICIPLE_ASIDE.sub(" ", PARTICIPLE_LIST_ASIDE.sub(_list_aside_dropped, text))


def _list_aside_dropped(found: re.Match) -> str:
    """Nothing where the aside was, or the comma that parts what it was set between from a clause that is not the
    verb of the subject before it ('held in Vienna, initiated by ..., in which Iran participated'); the aside as it
    is when it holds a verb after its participle."""
    if FINITE_VERB.search(found.string, found.start("helpers"), found.end("helpers")):
        return found.group(0)
    return " " if FINITE_VERB.match(found.string, found.end()) else ", "


def _apposition_dropped(found: re.Match) -> str:
    """The name an apposition follows, without it ('Bouazizi, the vendor whose death touched off the protests,');
    the text as it is when what looked like one has a verb before any relative word, and so is a clause ('in
    Homs, the Syrian Army captured the mosque,')."""
    text, name_end, end = found.string, found.end(1), found.end()
    relative = RELATIVE_WORD.search(text, name_end, end)
    clause = FINITE_VERB.search(text, name_end, relative.start() if relative else end)
    return found.group(0) if clause else found.group(1) + " "


def _without_participle_opener(title: str) -> str:
    """The title without a phrase led by a participle that sets the scene before the subject
    (:data:`PARTICIPLE_OPENER`); kept when it holds a verb ('Fighting at the oil field ended, when ...': a
    subject) or no subject follows it."""
    found = PARTICIPLE_OPENER.match(title)
    if found is None or FINITE_VERB.search(title, 0, found.end()) or NO_SUBJECT.match(title, found.end()):
        return title
    return title[found.end():]


def _without_long_opener(title: str) -> str:
    """The title without a prepositional phrase that opens it (:data:`PREPOSITION_OPENER`) when the title is too
    long to keep both it and the main clause, and a subject with a verb follows it: shortened, such a title would
    be the phrase alone ('In an audio statement posted online'). A short one keeps it ('During the war, the city
    fell')."""
    found = PREPOSITION_OPENER.match(title)
    if found is None or len(title.split()) <= TITLE_WORDS or NO_SUBJECT.match(title, found.end()) \
            or FINITE_VERB.match(title, found.end()) or not FINITE_VERB.search(title, found.end()) \
            or _holds_main_clause(found.group(0)):
        return title
    return title[found.end():]


def _holds_main_clause(opener: str) -> bool:
    """Whether what looked like an opening phrase runs on into the main clause, as a date phrase without a comma
    does ('On 12 July FSA reported that one of its commanders,'): it has a verb before any relative word, and one
    that is no participle qualifying a noun. 'After' may lead a clause of its own ('After the truce ended,')."""
    if opener[:6].lower() == "after ":
        return False
    relative = RELATIVE_WORD.search(opener)
    head = opener[:relative.start()] if relative else opener
    return any(not REDUCED_RELATIVE.match(head, verb.start()) for verb in FINITE_VERB.finditer(head))


def _without_subject_aside(title: str) -> str:
    """The title without an aside set between its subject and its verb ('Demonstrators, most of them from the Shia
    majority, began their protests'), which a shortened title would otherwise end with, verbless: the verb comes
    right after the aside, and neither the subject nor the aside holds one of its own, but for an aside that is a
    relative clause ('Qatar, which remains opposed to normalisation, did not send its minister')."""
    found = SUBJECT_ASIDE.match(title)
    if found is None or FINITE_VERB.search(found.group(1)) or not FINITE_VERB.match(title, found.end()):
        return title
    aside = found.group(2)
    if not RELATIVE_WORD.match(aside) and FINITE_VERB.search(aside):
        return title
    return f"{found.group(1)} {title[found.end():]}"


def _coordinated_clause(sentence: str, mark: tuple[int, int]) -> tuple[str, tuple[int, int] | None] | None:
    """The clause of its own the date phrase is in, with the phrase's place in it, when that is not the sentence's
    first: in 'The rapprochement gathered pace after the earthquake, and last week the foreign minister met Arab
    counterparts', last week dates the meeting. A clause of its own follows ', and', ', but', a semicolon or an 'and'
    right before the date phrase (:data:`AND_BEFORE_DATE`), and has a verb, as the text before it has a verb. One
    with no subject of its own ('and by 16 April had reversed all rebel gains') is given the sentence's
    (:func:`subject_of`) and loses its date phrase (so no place is given); left as it is when it says too little
    alone ('and secured it by 23 March'). None when the date is in the first clause."""
    start, end = mark
    found = None
    for found in COORDINATION.finditer(sentence, 0, start):
        pass
    found = AND_BEFORE_DATE.search(sentence, found.end() if found else 0, start) or found
    if found is None or not FINITE_VERB.search(sentence, 0, found.start()) \
            or not FINITE_VERB.search(sentence, found.end()):
        return None
    clause, clause_mark = sentence[found.end():], (start - found.end(), end - found.end())
    predicate = tidy(remove_date_phrase(clause, clause_mark))
    if not FINITE_VERB.match(predicate):
        return clause, clause_mark
    subject = subject_of(sentence)
    if subject is None or len(predicate.split(None, 3)) < 3:
        return None
    return f"{subject} {predicate}", None


def _without_later_clause(sentence: str, mark: tuple[int, int], later: int) -> str:
    """The sentence up to the clause of its own that follows the one the date phrase is in, when the next date (at
    ``later``) is that clause's ('Assad accepted the plan last month but the government missed a deadline on
    Tuesday' for last month): that clause tells another event, with its own title. A clause of its own, as
    :func:`_coordinated_clause` has it, has a subject and a verb; one led by 'after' stays, since it tells what the
    dated happening followed ('entered Homs, after army units withdrew on Friday'); so does one after a bare 'and'
    right before the next date (:data:`AND_BEFORE_DATE`)."""
    found = LATER_CLAUSE.search(sentence, mark[1], later) or AND_BEFORE_DATE.search(sentence, mark[1], later)
    if found is None or not FINITE_VERB.search(sentence, 0, found.start()) \
            or not FINITE_VERB.search(sentence, found.end()) or FINITE_VERB.match(sentence, found.end()) \
            or NO_SUBJECT.match(sentence, found.end()):
        return sentence
    return sentence[:found.start()]


def _since_clause(sentence: str, mark: tuple[int, int]) -> tuple[str, tuple[int, int]] | None:
    """The clause a 'since' (or a measured 'after', :data:`EARLIER_HAPPENING`) leads into, with the date phrase's
    place in it, when the date is that clause's ('the largest rebel offensive since Russia and Turkey agreed a
    ceasefire in March 2020'): the sentence is dated by the earlier happening it counts from, which is then the event
    to name. None when the words lead straight into the date ('suspended since November 2011'), which dates the main
    clause, into a single word ('shortly after dawn on Sunday'), or past a comma that does not bound a participle
    aside ('13 years after a revolt, part of the protests of 2010 and 2011': the date is the aside's). The clause
    is taken to end with its date, as it does when a sentence goes on after it ('who have camped there since the
    uprising began in January have demanded')."""
    start, end = mark
    lowered = sentence[:start].lower()
    if "since" not in lowered and "after" not in lowered and "following" not in lowered:
        return None  # a plain look first: the regex, tried at every position, took a tenth of a title's time
    found = None
    for found in EARLIER_HAPPENING.finditer(sentence, 0, start):
        pass
    if found is None or len(_without_date_preposition(sentence[found.end():start]).split()) < 2 \
            or CLAUSE_COMMA.search(_without_participle_asides(sentence[found.end():start])):
        return None
    return sentence[found.end():end], (start - found.end(), end - found.end())


def _relative_clause(sentence: str, mark: tuple[int, int]) -> tuple[str, tuple[int, int]] | None:
    """The clause about a noun that the date phrase is in (:data:`RELATIVE_OPENING`), with the noun as its subject and
    the date phrase's place in it: in 'a direct challenge to al-Qaeda, which expelled the group earlier this year, for
    leadership', the date is al-Qaeda's expelling the group, not the challenge's. None when the date is not in such a
    clause, when the clause does not open with its verb ('which the rebels took in March': its subject is another), or
    when no short noun phrase or name comes before it (', which led to' may follow a whole clause)."""
    start, end = mark
    before = sentence[:start]
    if ", which " not in before and " who " not in before:
        return None  # a plain look first, as in :func:`_since_clause`
    found = None
    for found in RELATIVE_OPENING.finditer(sentence, 0, start):
        pass
    if found is None or not FINITE_VERB.match(sentence, found.end()):
        return None
    clause_end = CLAUSE_REST.match(sentence, found.end()).end()
    noun = _noun_before(sentence, found.start()) if clause_end >= end else None
    if noun is None:
        return None
    shift = len(noun) + 1 - found.end()
    return f"{noun} {sentence[found.end():clause_end]}", (start + shift, end + shift)


def _noun_before(sentence: str, position: int) -> str | None:
    """The noun phrase that ends at ``position``: one led by 'the' or a possessive ('the military council', 'its
    fighters'), of a few words with no verb or preposition, or else a name ('al-Qaeda', 'Colonel Riad al-Asaad') not
    led by a preposition of place (:data:`NAME_AT_END`); None when neither ends there."""
    window = sentence[max(0, position - 80):position]
    determined = None
    for determined in DETERMINED.finditer(window):
        pass
    if determined is not None:
        phrase = window[determined.start():]
        if len(phrase.split()) <= 6 and not FINITE_VERB.search(phrase) and not NOT_IN_A_NOUN_PHRASE.search(phrase):
            return phrase
    name = NAME_AT_END.search(window)
    return name.group(0) if name and name.group(0).split()[0] not in NOT_A_NAME else None


def _when_clause(sentence: str, mark: tuple[int, int]) -> str | None:
    """The 'when' clause after a date that a state of things lasted until or since (:data:`WHEN_CLAUSE`): in 'Official
    media said nothing about the events until yesterday, when the state news agency quoted an official', the date is
    the quoting's; the main clause only tells what held up to then. None for any other date: in 'The war began in
    March 2011, when protesters took to the streets', the main clause is the date's own event."""
    start, end = mark
    clause = WHEN_CLAUSE.match(sentence, end)
    if clause is None or not UNTIL_OR_SINCE.search(sentence, max(0, start - 20), start):
        return None
    return clause.group(1)


def _with_antecedent(title: str, about: str | None, before: str | None) -> str:
    """The title with the pronoun that opens it replaced by what it stands for, as read from the sentence ``before``
    it (looked into only when a pronoun opens the title): 'he' or 'she' by ``about``, by that sentence's subject
    when it ends with a name ('Russian defence minister Sergey Shoygu') or by a name leading a clause of it
    (:func:`named_in_clause`); 'they' by a plural subject ('Hezbollah and Iraqi fighters', 'the rebels'); 'it' by a
    singular one that names no person ('the military council', 'the SDF'). The title is left as it is when nothing
    agrees."""
    found = SUBJECT_PRONOUN.match(title)
    if found is None:
        return title
    person, plural, _ = found.groups()
    if person and about:
        return about + title[found.end():]
    if before is None:
        return title
    subject = subject_of(before)
    head, many = _head(subject) if subject else ("", False)
    if person:
        named = head[:1].isupper() and not head.isupper() and not many
        stands_for = subject if named else named_in_clause(before)
    elif plural:
        stands_for = subject if many or head.isupper() else None
    else:
        stands_for = subject if not many and (head.isupper() or head.islower() and head not in PEOPLE) else None
    return stands_for + title[found.end():] if stands_for else title


def _head(subject: str) -> tuple[str, bool]:
    """The head word of a subject (the last before any 'of': 'presidents' of 'the presidents of Turkey and Russia')
    and whether the subject is plural: a pair ('Hezbollah and Iraqi fighters'), or a head in -s that is no name
    ('Homs'): in lower case, or capitalised only as the sentence's first word ('Organisers')."""
    words = subject.split(" of ")[0].split()
    head = words[-1]
    common = head.islower() or len(words) == 1 and head[1:].islower()
    return head, " and " in subject or common and head.endswith("s") and not head.endswith(("ss", "us", "is"))


def subject_of(sentence: str) -> str | None:
    """The subject of the sentence's main clause: the words before its first verb, after any phrases without a verb
    that open it ('In a statement, the military council praised' is about 'the military council'), and before an
    aside between commas ('The SDF, using 30,000 troops, launched'). None when that is not a short noun phrase
    (a pronoun, a clause, a quotation)."""
    start = _after_openers(sentence)
    verb = FINITE_VERB.search(sentence, start)
    if verb is None:
        return None
    end = SUBJECT_END.search(sentence, start, verb.start())
    words = sentence[start:end.start() if end else verb.start()].split()
    if not 0 < len(words) <= 8 or not (words[0][:1].isupper() or words[0] in ("the", "a", "an")) \
            or words[0].capitalize() in NOT_A_NAME - {"The", "A", "An"} or NO_SUBJECT.match(words[-1]):
        return None
    return " ".join(words)


def _after_openers(sentence: str) -> int:
    """Where the sentence's subject begins: after the phrases of place, time or manner without a verb that open it,
    each ending with a comma ('In the aftermath of the strikes, on 24 September 2018, Russian defence minister Sergey
    Shoygu confirmed'; 'The same day, Hezbollah and Iraqi fighters, backed by artillery, captured')."""
    start = len(sentence) - len(sentence.lstrip(" \"'“‘"))
    while (opening := OPENING_PHRASE.match(sentence, start)) and OPENER.match(sentence, start) \
            and not FINITE_VERB.search(sentence, start, opening.end()):
        start = opening.end()
    return start


def named_subject(sentence: str, before: str | None) -> str | None:
    """Whom ``sentence`` is about, when it opens with a name ('Hadi was sworn in on Saturday'; after a phrase without
    a verb: 'In a last attempt to hold on, Ben Ali dismissed his government'), or with 'He' or
    'She', which stand for whom the sentence before was about (``before``); None when it opens otherwise,
    since a sentence about something else ('The vote was held') leaves 'he' in the next one unclear."""
    sentence = sentence.lstrip(" \"'“‘")
    pronoun = SUBJECT_PRONOUN.match(sentence)
    if pronoun and pronoun.group(1):
        return before
    return _name_in(NAMED_SUBJECT.match(sentence)) or _name_in(_name_after_opening_phrase(sentence))


def named_in_clause(sentence: str) -> str | None:
    """A name that is the subject of a clause led by 'after', 'when' and the like (:data:`SUBORDINATE_SUBJECT`):
    whom 'he' or 'she' in the next sentence stands for when the sentence opens with no name ('The protests began
    after Mohamed Bouazizi, a street vendor, set himself on fire. He died on January 4')."""
    return _name_in(SUBORDINATE_SUBJECT.search(sentence))


def _name_in(match: re.Match | None) -> str | None:
    """The name :data:`NAMED_SUBJECT` found, unless it is a word that opens sentences without naming anyone."""
    if match is None:
        return None
    name = match.group(1)
    words = name.split()
    if words[0] in NOT_A_NAME or any(word.endswith(("'s", "’s")) for word in words):
        return None
    return name


def _name_after_opening_phrase(sentence: str) -> re.Match | None:
    """The name a sentence's subject is when a phrase without a verb of its own opens it ('In a last attempt to hold
    on, Ben Ali dismissed his government')."""
    opening = OPENING_PHRASE.match(sentence)
    if opening is None or FINITE_VERB.search(sentence, 0, opening.end()):
        return None
    return NAMED_SUBJECT.match(sentence, opening.end())


def remove_date_phrase(sentence: str, mark: tuple[int, int]) -> str:
    """Drop the date phrase with its preposition ('on December 8', 'earlier this month', 'of Thursday'), a
    date counted from what follows it with the rest of that clause ('13 years after the 2011 uprising,'), and a
    clause about the date ('on the eve of Ramadan, which began today'). One that qualifies a noun stays ('during the
    2014 Quneitra offensive', 'an overnight curfew'), and so does one that is a verb's object ('had called the day
    "Great Friday"'): without it, what is left reads wrong ('an curfew', 'had called "Great Friday"')."""
    start, end = mark
    before, after = sentence[:start], sentence[end:]
    if POSSESSIVE.match(after):
        return before + "the" + after[2:]
    if ARTICLE_BEFORE.search(before, max(0, start - 5)) and _qualifies_a_noun(after) \
            or DETERMINED_DATE.match(sentence, start) and VERB_BEFORE.search(before, max(0, start - 16)):
        return sentence
    if COUNTED_FROM.search(sentence, start, end):
        after = after[CLAUSE_REST.match(after).end():]
    on_the_date = CLAUSE_ON_THE_DATE.match(after)
    if on_the_date:
        after = after[on_the_date.end():]
    before = "" if OPENING_AFTER.match(before) and after.startswith(",") else _without_date_preposition(before)
    held = HELD_THEN.search(before, max(0, len(before) - 24))
    return " ".join(_without_comma_before_verb(before[:held.start(1)] if held else before, after))


def _qualifies_a_noun(after: str) -> bool:
    """Whether a date phrase followed by ``after`` qualifies the noun after it ('the 2014 Quneitra offensive', 'an
    overnight curfew'): a word in lower case follows, perhaps after names, and it is no verb or preposition
    ('in the 1980s Syria was', 'on the day of')."""
    noun = NOUN_AFTER.match(after)
    return noun is not None and not FINITE_VERB.match(after, noun.start(1)) and not NO_SUBJECT.match(noun.group(1))


def _without_comma_before_verb(before: str, after: str) -> tuple[str, str]:
    """The text on either side of a removed date phrase, without the commas that set the phrase between the subject
    and its verb ('Erdogan, on 19 February, declared' or 'Erdogan on 19 February 2020, declared'): left alone they
    would part the two. A comma before anything but the verb stays ('In Homs, on Monday, troops entered'), and so
    does one after a text that has its verb already ('Troops entered the city on Monday, said activists') or that
    closes an aside the date phrase was in ('The attack, taking place on 7 April, was the first')."""
    comma = COMMA_BEFORE_VERB.match(after)
    before = before.rstrip()
    if comma is None or FINITE_VERB.search(before) or "," in before[:-1]:
        return before, after
    return before.rstrip(","), after[comma.end():]


def _without_date_preposition(text: str) -> str:
    """``text`` without the words that lead into a date at its end ('fighting began early on the ').

    Those are at most four words, so the search starts at the fourth word from the end: tried
    from every position of the text, the pattern (which must reach the end) took most of a title's time.
    """
    head = text.rsplit(None, 4)
    start = len(head[0]) if len(head) == 5 else 0
    return text[:DATE_PREPOSITION.search(text, start).start()]


def remove_attribution(text: str, keep_speaker: bool = False) -> str:
    """Drop who said it: ', his family said', 'according to witnesses', 'Officials said that ...'.

    When the date belongs to the saying itself ("Assad said yesterday that ..."),
    the statement is the event, so the speaker stays.
    """
    text = ATTRIBUTION_AFTER.sub("", text.rstrip(" ."))
    return text if keep_speaker else ATTRIBUTION_BEFORE.sub("", text)


def _dates_the_saying(sentence: str, mark: tuple[int, int] | None) -> bool:
    speaker = ATTRIBUTION_BEFORE.match(sentence)
    return bool(speaker and mark and mark[0] < speaker.end())


def tidy(text: str) -> str:
    """Collapse the spaces and punctuation that removals leave behind."""
    text = SPACES.sub(" ", text)
    text = SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
    text = REPEATED_BREAKS.sub(r"\1", text)
    text = EMPTY_PARENTHESES.sub("", text)
    text = LEADING_FILLER.sub("", text.strip(" ,;:–—-"))
    return text.strip(EDGE_PUNCTUATION)


def shorten(text: str) -> str:
    """At most TITLE_WORDS words: end at a clause break if the main clause fits, else at a word with '…'. A title
    too long that opens with a phrase setting the scene is the main clause after it (:func:`_after_scene_phrases`)."""
    words = text.split()
    if len(words) <= TITLE_WORDS:
        return text
    main = _after_scene_phrases(text)
    if main is not None:
        return shorten(main)
    for clause_break in CLAUSE_BREAK.finditer(text):
        clause = text[:clause_break.start()]
        if SHORTEST_CLAUSE <= len(clause.split()) <= TITLE_WORDS and not _cut_in_a_saying(clause):
            return _without_dangling_words(clause)
        if len(clause.split()) > TITLE_WORDS:
            break
    return _without_dangling_words(" ".join(words[:TITLE_WORDS])) + "…"


def _after_scene_phrases(text: str) -> str | None:
    """The text from its main clause on, when phrases without a clause of their own open it, of which the first is
    led by a preposition ('In response to the Turkish offensive, and the US withdrawal of forces, Russia began
    efforts at mediation'; 'With fighting spread across the country, the Red Cross declared'): cut at its first
    break, such a title would be the phrase alone. The main clause is the first part between breaks that opens with
    a name or an article and holds a verb after its first word; None when no part does, or the first part holds a
    clause ('In Homs the army shelled the city, the Observatory said')."""
    first = CLAUSE_BREAK.search(text)
    if first is None or not SCENE_PREPOSITION.match(text) \
            or text[:5].lower() != "with " and _holds_main_clause(text[:first.start()]):
        return None
    for clause_break in CLAUSE_BREAK.finditer(text):
        start = clause_break.end()
        if not CLAUSE_SUBJECT.match(text, start):
            continue
        end = CLAUSE_BREAK.search(text, start)
        verb = FINITE_VERB.search(text, start, end.start() if end else len(text))
        if verb is not None and verb.start() > start:
            return text[start:]
    return None


def _cut_in_a_saying(clause: str) -> bool:
    """Whether ending the title at ``clause`` would cut what was said before its verb: the last 'that' of the clause
    has none after it ('Trump wrote on Twitter that Russian President Vladimir Putin', of 'that Putin, Russia and
    Iran were responsible'), which reads as a whole, and false, statement."""
    that = clause.rfind(" that ")
    return that >= 0 and FINITE_VERB.search(clause, that) is None and MODAL.search(clause, that) is None


def _without_dangling_words(text: str) -> str:
    return TRAILING_WORDS.sub("", text).rstrip(" ,;:–—-")
