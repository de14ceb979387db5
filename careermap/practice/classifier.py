"""What kind of line a manager said in a career conversation, and on which topics.

The persona (persona.py) and the feedback (feedback.py) act on this, so it must be offline,
deterministic and fast (well under 10 ms a line once warm). Four answers per line:

- kind: a scikit-learn model (TF-IDF of words and of character n-grams, then a linear support
  vector machine) trained on the `train` rows of data/utterances.csv once per process, with
  cheap rules first where a plain pattern is reliable and the model slips now and then (a tag
  such as ", isn't it?" or "Surely…" makes a line leading; a question opening with "do", "is",
  "would"… is closed; one opening with "what", "how" or "why" is open; "To sum up…" opens a
  summary and "That sounds…", "I'm sorry…", "Thanks…" empathy).
  benchmarks/practice_classifier.py measures the model with and without the rules.
- topics: word lists (stems as regular expressions) per topic, below, so anyone can read why a
  topic was found and add a word.
- probing: a follow-up asking for depth ("tell me more", "for example?", "what made that…").
- grow: which stage of the GROW model (goal, reality, options, will) a question serves.

No Django here: the module is tested and timed alone (docs/practice.md has the figures).
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

KINDS = ("open", "closed", "leading", "statement", "empathy", "summary")
KIND_NAMES = {
    "open": "Open question",
    "closed": "Closed question",
    "leading": "Leading question",
    "statement": "Statement",
    "empathy": "Empathy or acknowledgement",
    "summary": "Summary",
}
TOPICS = ("past", "future", "skills", "opportunities", "support", "workload")
GROW_STAGES = ("goal", "reality", "options", "will")

DATA = Path(__file__).with_name("data") / "utterances.csv"


@dataclass(frozen=True)
class Classification:
    kind: str  # one of KINDS
    topics: tuple[str, ...]  # subset of TOPICS, in TOPICS order
    probing: bool  # a follow-up that asks for depth
    grow: str | None  # "goal" | "reality" | "options" | "will" | None


@dataclass(frozen=True)
class Utterance:
    """One labelled row of data/utterances.csv."""

    text: str
    kind: str
    topics: tuple[str, ...]
    split: str  # "train" | "test"


def classify(text: str, *, rules: bool = True) -> Classification:
    """The kind, topics, probing and GROW stage of one line a manager said (`rules=False`: the
    model alone decides the kind, for the benchmark's comparison)."""
    clean = normalise(text)
    kind = kind_of(clean, rules=rules)
    topics = topics_of(clean)
    return Classification(
        kind=kind, topics=topics, probing=is_probing(clean, kind), grow=grow_of(clean, kind)
    )


def classify_many(texts: Iterable[str]) -> list[Classification]:
    return [classify(text) for text in texts]


# --- The data ---------------------------------------------------------------------------------


def held_out(text: str) -> bool:
    """The split rule: a row is held out (test) when the SHA-1 of its text is 0 modulo 4.

    It depends on the text alone, so adding rows never moves an existing row between train and
    test, and nobody picks which rows are tested."""
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % 4 == 0  # noqa: S324


@lru_cache(maxsize=1)
def utterances() -> tuple[Utterance, ...]:
    with DATA.open(newline="", encoding="utf-8") as rows:
        return tuple(
            Utterance(
                text=row["text"],
                kind=row["kind"],
                topics=tuple(topic for topic in row["topics"].split(";") if topic),
                split=row["split"],
            )
            for row in csv.DictReader(rows)
        )


def normalise(text: str) -> str:
    """One line, typographic apostrophes and quotes made plain, outer spaces gone."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split())


# --- Kind: the model ----------------------------------------------------------------------------


def _marked(text: str) -> str:
    """Lower-case words with markers for the start, the end and a question mark, so that word
    bigrams see how a line opens ("START do") and closes ("you END")."""
    words = text.lower().rstrip()
    question = "QMARK" if words.endswith("?") else "NOQMARK"
    return f"START {words.rstrip('?!. ')} END {question}"


def build_model(rows: Iterable[Utterance]):
    """A pipeline trained on `rows`: TF-IDF of words (1-2-grams, with start/end markers) and of
    characters within words (2-5-grams, which forgive typos and catch "n't"), then a
    linear support vector machine (it scored above a logistic regression in cross-validation on
    the train rows, and trains in a fraction of the time). Deterministic: fixed random_state,
    and the data's order is fixed."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.svm import LinearSVC

    rows = list(rows)
    features = FeatureUnion(
        [
            (
                "words",
                TfidfVectorizer(
                    preprocessor=_marked,
                    token_pattern=r"[a-z0-9A-Z][\w']*",  # noqa: S106 (not a password)
                    ngram_range=(1, 2),
                    sublinear_tf=True,
                    lowercase=False,
                ),
            ),
            (
                "chars",
                TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
            ),
        ]
    )
    model = Pipeline([("features", features), ("classifier", LinearSVC(C=1.0, random_state=0))])
    model.fit([row.text for row in rows], [row.kind for row in rows])
    return model


@lru_cache(maxsize=1)
def _trained():
    return build_model(row for row in utterances() if row.split == "train")


def kind_of(text: str, *, rules: bool | frozenset[str] = True, model=None) -> str:
    """The kind of a normalised line: a rule's answer where one applies, else the model's."""
    if rules:
        ruled = rule_kind(text, only=RULED_KINDS if rules is True else rules)
        if ruled is not None:
            return ruled
    return predict_one(model or _trained(), text)


def predict_one(model, text: str) -> str:
    """What `model.predict([text])[0]` answers, in about two thirds of the time: the pipeline's
    checks and its parallel feature union cost more than the arithmetic for a single line."""
    import numpy as np
    from scipy import sparse

    features = sparse.hstack(
        [vectoriser.transform([text]) for _, vectoriser in model[0].transformer_list],
        format="csr",
    )
    classifier = model[-1]
    scores = features @ classifier.coef_.T + classifier.intercept_
    return str(classifier.classes_[int(np.argmax(scores))])


# --- Kind: the rules ----------------------------------------------------------------------------

# Words a manager puts before the question itself: "So, do you…", "Okay and is it…".
_LEAD_IN = re.compile(r"^(?:(?:so|and|ok|okay|right|well|alright|now|then|but|oh)\b[\s,]*)+", re.I)
_AUXILIARIES = frozenset(
    {"do", "does", "did", "is", "are", "was", "were", "am", "have", "has", "had", "can", "could"}
    | {"will", "would", "shall", "should", "may"}
)
# "Could you tell me…", "Can you say more…": polite requests that invite a long answer are open.
_REQUEST = re.compile(
    r"^\w+ (?:you|we) (?:please |just )?(?:tell|talk|walk|take me|describe|explain|say|share|"
    r"give (?:me )?(?:an|some) examples?|expand|elaborate|unpack|think of|help me understand)\b",
    re.I,
)
_NEGATIVE_OPENING = re.compile(
    r"^(?:don't|doesn't|didn't|isn't|aren't|wasn't|weren't|wouldn't|shouldn't|couldn't|can't|"
    r"won't|haven't|hasn't|dont|doesnt|didnt|isnt|arent|wouldnt|shouldnt|couldnt|cant|wont)"
    r" (?:you|it|that|this|there|we|they|he|she|i|a|the|your)\b"
    r"|^(?:is|are|was|would|should|could|do|does) (?:it|that|this|there|you) not\b"
    r"|^why (?:not|wouldn't|wouldnt|don't|dont|won't|wont|shouldn't|shouldnt)\b",
    re.I,
)
_PRESUMING = re.compile(
    r"\bsurely\b|^(?:obviously|presumably|clearly)\b"
    r"|^(?:i assume|i take it|i imagine|i'm guessing|i'd have thought|i suppose|you must)\b.*\?$",
    re.I,
)
# A tag at the end that asks for agreement: ", isn't it?", ", right?", ", yeah?", "…, agreed?".
_TAG = re.compile(
    r",\s*(?:(?:isn't|aren't|wasn't|weren't|don't|doesn't|didn't|won't|wouldn't|can't|couldn't|"
    r"shouldn't|haven't|hasn't|isnt|arent|dont|doesnt|didnt|wont|wouldnt|cant|is|are|was|do|does|"
    r"did|will|would|can|could|have|has)\s+(?:it|you|they|we|he|she|i|that|there|ya)"
    r"|right|yeah|yes|no|eh|agreed|surely|don't you think|wouldn't you say)\s*[?!.]*$",
    re.I,
)


_SUBJECTS = frozenset(
    {"you", "i", "we", "it", "that", "this", "there", "they", "he", "she", "your", "anyone"}
    | {"anything", "everything", "everyone", "the", "my"}
)
# Words that announce a summary: "To sum up…", "Let me check I've got this…", "In other words…".
_SUMMARY_OPENING = re.compile(
    r"^(?:to (?:sum(?:marise|marize)? up|summari[sz]e|recap|wrap up|pull (?:this|that|it) together)"
    r"|(?:a |just to |quick )?(?:recap|summary)\b|recapping|summing up|in (?:summary|short|sum)\b"
    r"|let me (?:recap|summari[sz]e|check:|reflect|make sure i've)"
    r"|let me (?:just )?(?:check|see if)(?: that)? i(?:'ve|'m| have)?\b"
    r"|let me play (?:that|it|this) back|let me pull (?:that|this|it|the threads) together"
    r"|what i'm (?:hearing|taking away)|what i've (?:heard|got down)"
    r"|if i(?:'ve| have) (?:got|understood|heard|followed)|if i'm (?:hearing|following)"
    r"|in other words|to put it another way|just so i'm clear|so what i'm hearing)",
    re.I,
)
# Words that name or accept what the person feels, or thank them: "That sounds exhausting",
# "I can see why…", "I'm sorry…", "Thanks for…".
_EMPATHY_OPENING = re.compile(
    r"^(?:(?:that|it) (?:sounds|must)|sounds (?:like|as if|really|so|rough|hard|tough)(?!,)"
    r"|i(?:'m| am) (?:so |really |very )?(?:sorry|glad)|(?:thanks|thank you|cheers)\b"
    r"|i (?:can|could) (?:see|hear|imagine|tell|understand)(?! you\b)|i (?:really )?appreciate"
    r"|i hear (?:you|that|what)|i understand|must (?:be|have)|no wonder|i get (?:it|why|that)"
    r"|fair (?:enough|point)|i'd feel the same|(?:it|that) makes (?:complete |total )?sense)",
    re.I,
)
# "How many", "how long": the answer is a number or a date.
_HOW_MUCH = re.compile(r"^how (?:many|long|often|old)\b", re.I)
# "What…", "How…", "Why…" open a question unless the line goes on "What I'm hearing is…"
# (a summary) or ends like a sentence ("What stood out was…." or "How annoying!").
_WH_OPENING = re.compile(
    r"^(?:what|whats|how|hows|why)\b(?! (?:i|i'm|i've|we|we've|you're|you've)\b)"
    r"(?!.*[.!]$)"
    # "Where would you like to be…", "Which work have you enjoyed…", "Who could help…": open
    # too, unless they offer a choice after a comma ("Which suits you better, A or B?").
    r"|^(?:where|which|who)\b(?!.*,.*\bor\b)(?!.*[.!]$)",
    re.I,
)


RULED_KINDS = frozenset({"leading", "closed", "open", "summary", "empathy"})


def rule_kind(text: str, *, only: frozenset[str] = RULED_KINDS) -> str | None:
    """The kind when a plain pattern says so, else None (the model decides). `only` limits the
    rules to some kinds, so the benchmark can measure what each one adds."""
    question = _LEAD_IN.sub("", text)
    if "leading" in only and (
        _NEGATIVE_OPENING.search(question) or _PRESUMING.search(text) or _TAG.search(text)
    ):
        return "leading"
    words = question.lower().replace(",", " ").split()
    # "Have a think…", "Do let me know": an auxiliary opens a question when a subject follows it
    # or the line ends with a question mark.
    auxiliary = (
        len(words) > 1
        and words[0] in _AUXILIARIES
        and (question.endswith("?") or words[1] in _SUBJECTS)
        and not _REQUEST.search(question)
    )
    if "closed" in only and (auxiliary or _HOW_MUCH.search(question)):
        return "closed"
    if "open" in only and _WH_OPENING.search(question):
        return "open"
    if "summary" in only and _SUMMARY_OPENING.search(question):
        return "summary"
    if "empathy" in only and _EMPATHY_OPENING.search(question) and not text.endswith("?"):
        return "empathy"
    return None


# --- Topics -------------------------------------------------------------------------------------

# Each topic is found by any of its patterns (regular expressions matched on word boundaries,
# lower case). Stems end in \w* so "promotion" and "promoted" both count.
TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "past": (
        r"last (?:year|month|quarter|week|time|spring|summer|autumn|winter|release|team|role|job)",
        r"previous\w*",
        r"in the past",
        r"past (?:roles?|jobs?|projects?)",
        r"looking back",
        r"used to",
        r"since you joined",
        r"so far",
        r"recently",
        r"proud",
        r"highlights?",
        r"ago",
        r"in the first place",
        r"(?:did|have) you (?:enjoy|like|love|learn|work|lead|handle|find)\w*",
        r"you (?:enjoyed|liked|loved|learnt|learned|handled|led|came from)",
        r"(?:went|gone) (?:well|badly|wrong|sideways)",
        r"how did (?:you|it|that)",
        r"what did you",
        r"went\b",
        r"(?:the|that|your) (?:last|old)",
        r"a time (?:at work )?when",
        r"how long have you been",
        r"taught you",
        r"first time",
        r"did (?:the|that|it)\b(?! feel)",
        r"was (?:the|that) (?:first|conference|course|review|project)",
        r"were you",
        r"made the difference",
        r"mattered",
        r"handled",
        r"happened",
        r"(?:you've|you have) had",
        r"miss(?:ed)? the",
        r"ran (?:that|the)",
        r"projects? you (?:loved|liked|enjoyed)",
        r"jobs? you (?:loved|liked|enjoyed)",
        r"helped",
        r"moved (?:out|from|on)",
        r"before you joined",
        r"did you get much",
        r"(?:was|were) (?:useful|a success|worth)",
        r"good for you",
        r"you did",
        r"your best work",
        r"you(?:'ve|ve| have) had",
        r"turning point",
        r"remember",
        r"back when",
        r"at your last",
        r"your (?:old|previous|first) (?:job|role|team|manager)",
        r"worked on",
        r"(?:the|your) (?:best|worst) (?:bit|part|week|day|project)",
        r"(?:in|since) (?:19|20)\d\d",
        r"over the (?:last|past)",
        r"when you (?:joined|started|were)",
    ),
    "future": (
        r"futures?",
        r"next (?:step|role|level|move|few years|two years)",
        r"(?:in|within) (?:a|two|three|five|ten|\d+|the next|a couple of|a few) years?",
        r"years' time",
        r"long(?:er)?[- ]term",
        r"one day",
        r"eventually",
        r"aspir\w*",
        r"ambitions?",
        r"goals?",
        r"aim(?:ing)? (?:at|for)",
        r"dream",
        r"vision",
        r"ideal(?:ly)?",
        r"where (?:would|do) you (?:like|want|see)",
        r"see yourself",
        r"careers?",
        r"paths?",
        r"directions?",
        r"head(?:ing)? (?:in|towards)",
        r"looking ahead",
        r"(?:want|like|love|hoping) to (?:be|become|move|lead|stay|grow)",
        r"mov(?:e|ing) (?:into|to|towards)",
        r"stay (?:put|technical|where)",
        r"leav(?:e|ing)",
        r"management",
        r"tech(?:nical)? lead",
        r"known for",
        r"grow",
        r"something new",
        r"next year",
        r"(?:twelve|12|six|eighteen) months",
        r"planning to",
        r"want(?:ed)? to lead",
        r"take over",
        r"retir\w*",
        r"figured out",
        r"don't want",
        r"big decision",
        r"try (?:product|design|management)",
        r"before you move",
        r"bored in",
        r"wanted to",
        r"stay in",
        r"where you want to go",
        r"happier as",
        r"progression",
        r"progress(?:ing)? to",
        r"promot\w* to",
        r"(?:a|the) few years",
        r"where next",
        r"what's next",
        r"longer run",
        r"in time",
        r"plans? for (?:yourself|your)",
        r"would like to (?:be|become|do|move)",
        r"senior (?:engineer|analyst|designer|title)",
        r"someday",
    ),
    "skills": (
        r"skills?",
        r"strengths?",
        r"weak(?:ness\w*| spot)",
        r"learn\w*",
        r"train(?:ing)?",
        r"courses?",
        r"certifi\w*",
        r"qualifi\w*",
        r"stud(?:y|ying|ies)",
        r"apprentice\w*",
        r"workshop",
        r"mba",
        r"class",
        r"module",
        r"better at",
        r"improv\w*",
        r"expertise",
        r"experience in",
        r"good at",
        r"confidence",
        r"feedback",
        r"teach\w*",
        r"capab\w*",
        r"competenc\w*",
        r"negotiat\w*",
        r"facilitat\w*",
        r"stakeholder management",
        r"come to you for",
        r"grow(?:ing)? (?:in|into)",
        r"(?:your|my) development(?! plan)",
        r"develop(?:ing)? (?:your|my|as|in)",
        r"background",
        r"describe you",
        r"used \w+ before",
        r"experience\b",
        r"go-to person",
        r"good with",
        r"deeper",
        r"gaps?",
        r"presenting",
        r"technically",
        r"want to grow",
        r"needs work",
        r"communication",
        r"specialist or a generalist",
        r"abilit\w*",
        r"knowledge",
        r"know-how",
        r"hone",
        r"practi[cs]e (?:your|presenting|speaking)",
        r"public speaking",
        r"reading",
        r"books?",
        r"mentee",
        r"certified",
        r"exams?",
        r"degree",
        r"masters",
        r"bootcamp",
        r"upskill\w*",
        r"reskill\w*",
        r"self-assessment",
        r"strong at",
        r"weak at",
        r"struggle with",
    ),
    "opportunities": (
        r"opportunit\w*",
        r"projects?",
        r"stretch(?! you)",
        r"promot\w*",
        r"(?:senior|lead|new|management|mentoring|product) role",
        r"openings?",
        r"vacanc\w*",
        r"secondment",
        r"rotat(?:e|ion)",
        r"shadow\w*",
        r"take (?:on|over|the lead)",
        r"lead(?:ing)? (?:the|a|on)",
        r"run(?:ning)? the",
        r"own the",
        r"ownership",
        r"guild",
        r"conferences?",
        r"hackathon",
        r"awards?",
        r"programme",
        r"talent review",
        r"put (?:you|your name) forward",
        r"apply\w*",
        r"application",
        r"team lead",
        r"responsibilit\w*",
        r"assignments?",
        r"join\b",
        r"step(?:ped)? up",
        r"client work",
        r"mentor the",
        r"say yes",
        r"present(?:ing)? at",
        r"all-hands",
        r"(?:a|the) role\b",
        r"hiring",
        r"represent\w*",
        r"bigger problems",
        r"pair you",
        r"job description",
        r"timing",
        r"openings?",
        r"stay here",
        r"trip",
        r"chance you've been waiting",
        r"in front of",
        r"make (?:more )?use of",
        r"roadmap",
        r"openings?",
        r"positions?",
        r"vacanc\w*",
        r"job board",
        r"internal (?:move|job|role|transfer)",
        r"step into",
        r"initiative",
        r"working group",
        r"committee",
        r"speak(?:ing)? at",
        r"volunteer\w*",
        r"nominat\w*",
    ),
    "support": (
        r"support\w*(?! desk| work| tickets)",
        r"help(?:s|ing)?\b(?! me understand)",
        r"from me",
        r"(?:i|we) (?:can|could) do",
        r"mentor(?:s|ing)?(?! someone| the)",
        r"coach\w*",
        r"sponsor\w*",
        r"budget",
        r"resources?",
        r"back (?:me|you)",
        r"introduc\w*",
        r"check in",
        r"one-to-ones?",
        r"come to me",
        r"protect",
        r"i'll (?:ask|talk|check|raise|introduce|sort|protect)",
        r"hands-off",
        r"available",
        r"look over",
        r"door",
        r"cleared",
        r"booked you",
        r"recommend talking",
        r"manager who",
        r"air cover",
        r"sort out",
        r"from you",
        r"pay for",
        r"fund\w*",
        r"time off (?:for|to) (?:study|learn)",
        r"study leave",
        r"advice",
        r"advocate",
        r"ally",
        r"champion",
        r"put in a word",
        r"guidance",
        r"unblock",
        r"escalate",
        r"what do you need",
        r"anything you need",
        r"need from (?:me|us|the team)",
        r"training budget",
        r"learning budget",
    ),
    "workload": (
        r"workload",
        r"capacity",
        r"bandwidth",
        r"busy",
        r"hours",
        r"(?:have|enough|find) time",
        r"time for",
        r"plate",
        r"weekends?",
        r"evenings",
        r"late",
        r"overtime",
        r"on-call",
        r"rota",
        r"tickets",
        r"firefighting",
        r"deadlines?",
        r"prioriti\w*",
        r"too much",
        r"(?:that's|carrying|got|deal with) a lot",
        r"a lot (?:on|to deal)",
        r"juggl\w*",
        r"stretched",
        r"exhaust\w*",
        r"tired",
        r"burn(?:ed|t)? ?out",
        r"balanc\w*",
        r"drop\w*",
        r"hand over",
        r"cover(?:ing)? for",
        r"meetings",
        r"context switching",
        r"draining",
        r"urgent",
        r"targets",
        r"fit (?:in|it)",
        r"headcount",
        r"hectic",
        r"manageable",
        r"stop doing",
        r"fit (?:a|in|it)",
        r"typical week",
        r"ok for time",
        r"take on more",
        r"focusing on",
        r"deliverables",
        r"finish the release",
        r"split the",
        r"say no",
        r"extra work",
        r"covering",
        r"protect .* time",
        r"time, not",
        r"crunch",
        r"off your desk",
        r"a day a week",
        r"cleared your",
        r"already got on",
        r"stress\w*",
        r"overload\w*",
        r"overwhelm\w*",
        r"swamped",
        r"snowed under",
        r"spread (?:too )?thin",
        r"long days",
        r"nights?",
        r"backlog",
        r"interruptions?",
        r"queue",
        r"time off",
        r"holiday",
        r"annual leave",
        r"worn (?:out|down)",
        r"running on empty",
        r"no time",
        r"free time",
        r"full(?:-| )time",
        r"part(?:-| )time",
        r"work-life",
        r"on your desk",
        r"too many",
    ),
}
_TOPIC_PATTERNS = {
    topic: re.compile(r"\b(?:" + "|".join(words) + r")\b", re.I)
    for topic, words in TOPIC_WORDS.items()
}


# Things that are opportunities when they lie ahead, but experience when the line is about the
# past: "the project you're proudest of" is about the past, "a new project" an opportunity.
_EVENTS = re.compile(r"\b(?:projects?|conferences?|hackathon|hiring)\b", re.I)


def topics_of(text: str) -> tuple[str, ...]:
    found = {topic for topic in TOPICS if _TOPIC_PATTERNS[topic].search(text)}
    if "past" in found and "opportunities" in found:
        other = _TOPIC_PATTERNS["opportunities"].search(_EVENTS.sub(" ", text))
        if other is None:
            found.discard("opportunities")
    return tuple(topic for topic in TOPICS if topic in found)


# --- Probing and GROW ---------------------------------------------------------------------------

# A follow-up that asks the person to go deeper into what they have just said.
PROBING_WORDS = (
    r"tell me more",
    r"say (?:a (?:bit|little) )?more",
    r"more about (?:that|it|this|what)",
    r"for (?:example|instance)",
    r"an example",
    r"what (?:made|makes|make) (?:you|that|it)",
    r"what was it about",
    r"what (?:do|did) you mean",
    r"what (?:specifically|exactly)",
    r"specifically",
    r"how so",
    r"in what way",
    r"why (?:do|did) you think",
    r"why (?:was|is) that",
    r"what happened (?:next|then|after)",
    r"go on",
    r"dig into",
    r"unpack",
    r"elaborate",
    r"expand on",
    r"how did that (?:make|feel)",
    r"what was the (?:bit|part)",
    r"which (?:bit|part)",
    r"turning point",
)
_PROBING = re.compile(r"\b(?:" + "|".join(PROBING_WORDS) + r")\b", re.I)

# The GROW model: Goal (where do you want to get to), Reality (where are you now), Options (what
# could you do), Will (what will you do, and when). Checked in this order: the first that
# matches wins, so "how will you know you've got there" is a goal, not a commitment.
GROW_WORDS: dict[str, tuple[str, ...]] = {
    "goal": (
        r"goals?",
        r"aim(?:ing)? (?:at|for)",
        r"(?:want|like|hope|hoping) to (?:achieve|be|become|get out of)",
        r"success (?:look|mean)",
        r"ideal(?:ly)?",
        r"(?:in|within) (?:two|three|five|ten|\d+|a few|a couple of) years",
        r"years' time",
        r"long(?:er)?[- ]term",
        r"vision",
        r"aspir\w*",
        r"dream",
        r"where (?:would|do) you (?:like|want|see)",
        r"see yourself",
        r"known for",
        r"how will you know",
        r"got there",
        r"at your best",
        r"what does career",
    ),
    "will": (
        r"what will you",
        r"when will you",
        r"will you (?:do|start|have)",
        r"by when",
        r"commit\w*",
        r"(?:first|small|next) steps?",
        r"step you could take",
        r"between now and",
        r"this week",
        r"get in the way",
        r"timeline",
        r"make (?:it|that) happen",
        r"follow (?:up|this up)",
        r"going to do",
    ),
    "options": (
        r"options?",
        r"alternatives?",
        r"could you (?:try|do|take)",
        r"what (?:else )?could (?:you|we)",
        r"what might you",
        r"possibilit\w*",
        r"choices?",
        r"routes?",
        r"ways? (?:to|of|you could)",
        r"if you could",
        r"what if",
        r"approach",
    ),
    "reality": (
        r"at the moment",
        r"right now",
        r"currently",
        r"these days",
        r"so far",
        r"already (?:tried|done)",
        r"what(?:'s| is) (?:happening|stopping|getting)",
        r"what have you (?:tried|done)",
        r"how are (?:you|things) (?:finding|going)",
        r"how(?:'s| is) .* going",
        r"how are things",
        r"taking up",
        r"hardest part",
        r"typical week",
        r"where are (?:you|things)",
    ),
}
_GROW = {
    stage: re.compile(r"\b(?:" + "|".join(words) + r")\b", re.I)
    for stage, words in GROW_WORDS.items()
}
QUESTION_KINDS = frozenset({"open", "closed", "leading"})


def is_probing(text: str, kind: str) -> bool:
    """A probing follow-up is a question (or a prompt such as "Go on") asking for depth."""
    return kind in {"open", "closed"} and bool(_PROBING.search(text))


def grow_of(text: str, kind: str) -> str | None:
    """The GROW stage a question serves; statements, empathy and summaries serve none."""
    if kind not in QUESTION_KINDS:
        return None
    for stage in GROW_STAGES:
        if _GROW[stage].search(text):
            return stage
    return None
