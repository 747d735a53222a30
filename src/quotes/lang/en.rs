//! English: "X said", inverted "said X" after a quotation, "according to X", transcript
//! labels ("PENCE: …"), subject pronouns resolved to the person named before.

use super::{LangData, Order};

pub static DATA: LangData = LangData {
    code: "en",
    order: Order::Either,
    verbs: &[
        "said", "says", "say", "told", "tells", "added", "adds", "asked", "asks", "wrote", "writes",
        "explained", "explains", "noted", "argued", "argues", "continued", "insisted",
        "insists", "stated", "declared", "tweeted", "recalled", "warned",
        "replied", "responded", "claimed", "suggested", "acknowledged", "admitted",
        "announced", "remarked", "observed", "conceded", "countered", "quipped", "shouted",
        "joked", "stressed", "emphasized", "predicted", "complained", "concluded", "testified",
        "posted", "commented", "reported", "reports", "asks", "ask", "responds", "explains",
        "mused", "boasted", "lamented", "vowed", "pledged", "promised", "urged", "yelled",
        "exclaimed", "answered", "whispered", "confirmed", "agreed", "chimed", "recounted",
        "cautioned", "maintained", "reiterated", "proclaimed",
    ],
    participles: &["saying", "telling", "adding", "asking", "writing", "declaring", "tweeting", "noting", "arguing", "insisting", "warning", "calling"],
    according: &["according to"],
    according_after: &[],
    compound_heads: &[],
    light_verbs: &[],
    skip_before: &[
        "also", "later", "then", "has", "had", "have", "would", "will", "once", "recently",
        "repeatedly", "previously", "further", "again", "flatly", "publicly", "simply", "only",
        "even", "still", "reportedly", "quickly", "had", "has", "never", "once",
    ],
    pronouns: &["he", "she", "they", "it", "we", "i", "you", "who"],
    stops: &[
        "that", "and", "but", "or", "in", "on", "at", "during", "to", "of", "for", "with", "when",
        "while", "because", "as", "after", "before", "if", "also", "then", "later", "earlier",
        "has", "had", "have", "was", "were", "is", "would", "will", "once", "recently", "last",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
        "today", "tonight", "in a statement", "which", "where", "so", "this", "there", "here",
        "about", "from", "by", "about", "into", "over", "under", "since", "until", "though",
        "although", "not", "never", "even", "just", "still", "again", "often", "once", "simply",
        "flatly", "publicly", "privately", "repeatedly", "bluntly", "plainly", "quickly",
        "previously", "twice", "ago", "week", "month", "year", "morning", "night", "afternoon",
        "evening", "day",
    ],
    titles: &[
        "mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "gen.", "president", "senator",
        "secretary", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman",
        "director", "minister", "governor", "mayor", "judge", "officer", "official", "chief",
        "ceo", "manager", "campaign", "committee", "department", "house", "office", "agency",
    ],
    after_quote_only: &[],
    conjunctions: &["and"],
    // Latin-script short quotes after prepositions are as often words as names ("in “crisis”").
    complementizers: &["that"],
    prepositions: &[],
    name_nouns: &["newspaper", "magazine", "titled", "entitled", "named", "book", "film", "movie", "show", "program", "programme", "operation", "hashtag", "slogan", "song", "album", "nickname", "series", "the", "word", "term", "phrase", "label", "motto", "website", "blog", "podcast", "column", "documentary", "app"],
    not_speakers: &[
        "note", "source", "update", "editor's", "related", "photo", "video", "read", "watch",
        "listen", "correction", "q", "a", "question", "answer", "title", "subject", "date",
        "location", "tags", "filed", "image", "caption", "credit", "warning", "breaking",
    ],
};
