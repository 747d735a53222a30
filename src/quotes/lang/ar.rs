//! Arabic: verb-first attribution ("وقال الرئيس إن …", "وأضاف: …"), adverbial participles
//! ("مشدداً على أن …") and "according to" phrases. The conjunctions و/ف are added when the
//! lexicon is built, so only bare forms are listed.

use super::{LangData, Order};
use crate::text::chars::fold::fold_for_matching;

pub static DATA: LangData = LangData {
    code: "ar",
    order: Order::VerbFirst,
    verbs: &[
        "قال",
        "قالت",
        "قالوا",
        "يقول",
        "تقول",
        "أضاف",
        "أضافت",
        "يضيف",
        "تضيف",
        "أكد",
        "أكدت",
        "يؤكد",
        "تؤكد",
        "أشار",
        "أشارت",
        "يشير",
        "تشير",
        "أوضح",
        "أوضحت",
        "يوضح",
        "لفت",
        "لفتت",
        "شدد",
        "شددت",
        "يشدد",
        "اعتبر",
        "اعتبرت",
        "يعتبر",
        "رأى",
        "رأت",
        "يرى",
        "ترى",
        "تابع",
        "تابعت",
        "ختم",
        "اختتم",
        "أعلن",
        "أعلنت",
        "صرح",
        "صرحت",
        "ذكر",
        "ذكرت",
        "كشف",
        "كشفت",
        "انتقد",
        "انتقدت",
        "دعا",
        "دعت",
        "طالب",
        "طالبت",
        "حذر",
        "حذرت",
        "نوه",
        "نوهت",
        "استطرد",
        "كرر",
        "كررت",
        "وصف",
        "وصفت",
        "أعرب",
        "أعربت",
        "أفاد",
        "أفادت",
        "أردف",
        "اعترف",
        "اعترفت",
        "نفى",
        "نفت",
        "زعم",
        "علق",
        "علقت",
        "أجاب",
        "أجابت",
        "استدرك",
        "خاطب",
        "خاطبت",
        "تساءل",
        "تساءلت",
        "أبلغ",
        "أبلغت",
        "أوضحوا",
        "قالا",
        "يقولون",
        "أكدوا",
        "اكد",
        "كتب",
        "كتبت",
        "غرد",
        "غردت",
        "نشر",
        "نشرت",
        "يضيف",
        "وتضيف",
        "تحدث",
        "تحدثت",
        "أكمل",
        "أكملت",
        "اختتمت",
        "ختمت",
        "أشاد",
        "أشادت",
        "روى",
        "روت",
        "أجابت",
        "ردت",
        // "acknowledged": "أقرت بأن «…»".
        "أقر",
        "أقرت",
        "يقر",
        // "reported from": "نقلت الوكالة عن الوزير قوله …", whose speaker is after "عن".
        "نقل",
        "نقلت",
        "ينقل",
        "تنقل",
    ],
    participles: &[
        "قائلا",
        "قائلة",
        "مضيفا",
        "مضيفة",
        "مؤكدا",
        "مؤكدة",
        "مشددا",
        "مشددة",
        "مشيرا",
        "مشيرة",
        "لافتا",
        "لافتة",
        "موضحا",
        "موضحة",
        "مبينا",
        "معتبرا",
        "متسائلا",
        "مطالبا",
        "محذرا",
        "منوها",
        "معربا",
        "مستدركا",
        "متابعا",
        "مختتما",
        "منتقدا",
        "داعيا",
        "مردفا",
        "كاتبا",
        "كاتبة",
        "متحدثا",
        "متحدثة",
        "مستطردا",
        "مغردا",
        "معلقا",
        "معلقة",
        "مغردا",
        "مغردة",
        "معتبرة",
        "مشيرين",
        "مؤكدين",
    ],
    according: &[
        "وفقا",
        "طبقا",
        "حسب",
        "بحسب",
        "وبحسب",
        "حسبما",
        "بحسب ما",
        "على حد قول",
        "على لسان",
        "نقلا عن",
        // "it is stated in" a statement or speech (the cue needs one after it).
        "جاء في",
        "وجاء في",
        "ورد في",
        "وورد في",
    ],
    according_after: &[],
    compound_heads: &[],
    light_verbs: &[],
    addressee_verbs: &["خاطب", "خاطبت", "سأل", "سألت"],
    skip_before: &[],
    pronouns: &[
        "هو",
        "هي",
        "هم",
        "قوله",
        "قولها",
        "تعبيره",
        "تعبيرها",
        "قولهم",
    ],
    stops: &[
        "إن",
        "أن",
        "ان",
        "إنه",
        "أنه",
        "انه",
        "إنها",
        "أنها",
        "انها",
        "إنهم",
        "أنهم",
        "في",
        "خلال",
        "على",
        "إلى",
        "الى",
        "عن",
        "من",
        "مع",
        "قبل",
        "بعد",
        "لدى",
        "عبر",
        "حول",
        "ضمن",
        "اليوم",
        "أمس",
        "امس",
        "يوم",
        "مساء",
        "صباح",
        "الاثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "الأحد",
        "بأن",
        "بان",
        "لـ",
        "إنّ",
        "أنّ",
        "فإن",
        "فإنه",
        "فإنها",
        // "أما الشاب عمر فقد ترك …": the particle ends the topic's name.
        "فقد",
        "ما",
        "الذي",
        "التي",
        "كما",
        "و",
        "ثم",
        "أيضا",
        "بدوره",
        "بدورها",
        "لوكالة",
        "للصحفيين",
        "لقناة",
        "لصحيفة",
        "حيث",
        "بشأن",
        "وقت",
        "سابق",
        "لاحق",
        "هذه",
        "هذا",
        "ذلك",
        "تلك",
        "له",
        "لها",
        "بيان",
        "العام",
        "الماضي",
        "الأسبوع",
        "الشهر",
        "السنة",
        "الجاري",
        "المقبل",
        "مؤخرا",
        "لاحقا",
        "سابقا",
        "حينها",
        "آنذاك",
        "الليلة",
        "اليوم",
        "صباحا",
        "مساء",
        "بالقول",
        "بأنه",
        "بأنها",
        "بانه",
        "لما",
        "عليها",
        "عليه",
        "فيه",
        "فيها",
        "بيانه",
        "بيانها",
        "بـ",
        "به",
        "بها",
        "عنه",
        "عنها",
        "لنا",
        "لهم",
        "كلمته",
        "كلمتها",
        "تصريح",
        "تصريحات",
        "مؤتمر",
        "تغريدة",
        "حسابه",
        "حسابها",
    ],
    titles: &[
        "الرئيس",
        "رئيس",
        "وزير",
        "الوزير",
        "المرشد",
        "قائد",
        "المتحدث",
        "الناطق",
        "مكتب",
        "وكالة",
        "آية",
        "الشيخ",
        "السيد",
        "الدكتور",
        "الأمين",
        "أمين",
        "الأمينة",
        "السفير",
        "النائب",
        "الجنرال",
        "العميد",
        "اللواء",
        "المدير",
        "مدير",
        "مصدر",
        "مسؤول",
        "المسؤول",
        "الأخ",
        "زعيم",
        "الزعيم",
        "زعيمة",
        "الزعيمة",
        "الملك",
        "الأمير",
        "رئيسة",
        "وزيرة",
        "المستشار",
        "الناطقة",
        "المتحدثة",
        "الحكومة",
        "الوزارة",
        "البيت",
        "الخارجية",
        // Indefinite and feminine forms of the titles above ("قال متحدث باسم …", "قالت
        // المديرة …"), and the descriptors news sets before a name ("عضو الأكاديمية هوراس
        // …", "المدرب الفرنسي زين الدين …"): with one of them a phrase longer than three
        // words is still a speaker's name.
        "متحدث",
        "متحدثة",
        "ناطق",
        "ناطقة",
        "عضو",
        "العضو",
        "عضوة",
        "نائب",
        "نائبة",
        "مستشار",
        "مستشارة",
        "المستشارة",
        "مديرة",
        "المديرة",
        "الرئيسة",
        "الوزيرة",
        "سفير",
        "سفيرة",
        "السفيرة",
        "المفوض",
        "المفوضة",
        "القاضي",
        "القاضية",
        "المحامي",
        "المحامية",
        "البروفيسور",
        "الدكتورة",
        "المهندس",
        "المهندسة",
        // Medicine and scholarship ("الجراح … ، فلان ،", "الأستاذ في جامعة …").
        "الطبيب",
        "الطبيبة",
        "الجراح",
        "الأستاذ",
        "الأستاذة",
        "الأكاديمي",
        "الأكاديمية",
        "المؤرخ",
        "المؤرخة",
        "الباحث",
        "الباحثة",
        "الخبير",
        "الخبيرة",
        "المحلل",
        "المحللة",
        "الكاتب",
        "الكاتبة",
        "الروائي",
        "الروائية",
        "الشاعر",
        "الشاعرة",
        "الصحفي",
        "الصحفية",
        "الصحافي",
        "الصحافية",
        "الفنان",
        "الفنانة",
        "الممثل",
        "الممثلة",
        "المخرج",
        "المخرجة",
        "المغني",
        "المغنية",
        "اللاعب",
        "اللاعبة",
        "المدرب",
        "النجم",
        "النجمة",
        "الناشط",
        "الناشطة",
        "مؤسس",
        "المؤسس",
        // "السيدة الأولى". ("كبير", "chief", is left out: in Persian written with the
        // Arabic kaf it is "great", "امام خميني كبير".)
        "السيدة",
        "سيدة",
    ],
    after_quote_only: &[],
    conjunctions: &[],
    complementizers: &["أن", "إن", "ان", "بأن", "بان"],
    prepositions: &[
        "على", "في", "عن", "من", "عبر", "إلى", "الى", "مع", "ب", "لدى", "وعلى", "وفي", "وعبر",
    ],
    name_nouns: &[
        "صحيفة",
        "الصحيفة",
        "مجلة",
        "المجلة",
        "وكالة",
        "موقع",
        "قناة",
        "برنامج",
        "منظمة",
        "حركة",
        "حزب",
        "شركة",
        "مؤسسة",
        "فيلم",
        "كتاب",
        "أغنية",
        "مسلسل",
        "بعنوان",
        "عنوان",
        "اسم",
        "باسم",
        "تسمية",
        "حساب",
        "مبادرة",
        "عملية",
        "مشروع",
        "مؤتمر",
        "جمعية",
        "جماعة",
        "تنظيم",
        "جبهة",
        "تحالف",
        "مجموعة",
        "ائتلاف",
        "مركز",
        "شبكة",
        "هاشتاغ",
        "وسم",
        "مسمى",
        "ملتقى",
        "مهرجان",
        "جائزة",
        "مسابقة",
        "ألبوم",
        "رواية",
        "لقب",
        "بمناسبة",
        "ذكرى",
        "تطبيق",
        "منصة",
        "لصحيفة",
        "لمجلة",
        "لوكالة",
        "لقناة",
        "لموقع",
        "لبرنامج",
        "بصحيفة",
        "بقناة",
        "ببرنامج",
        "بموقع",
        "بلقب",
        "بتسمية",
        "بمسمى",
        "شعار",
        "بشعار",
        "تحت",
        // Works of art and the stage, and segments of a programme, are named after the
        // noun of their kind ("لوحة «…»", "فقرة «…»").
        "لوحة",
        "اللوحة",
        "لوحات",
        "تمثال",
        "قصيدة",
        "مسرحية",
        "فقرة",
        "الفقرة",
        "معرض",
    ],
    function_words: &[
        "في", "من", "على", "إلى", "أن", "التي", "الذي", "عن", "مع", "هذا", "كان", "إن", "قد", "ما",
        "لا",
    ],
    lowercase_fragments_quote: false,
    name_noun_suffixes: &[],
    not_speakers: &[
        "عاجل",
        "المصدر",
        "مصدر",
        "تصوير",
        "المحرر",
        "اقرأ",
        "أيضا",
        "شاهد",
        "تابع",
        "المزيد",
        "لندن",
        "بغداد",
        "القاهرة",
        "دمشق",
        "بيروت",
        "طهران",
        "الرياض",
        "عمان",
        "الدوحة",
        "دبي",
        "واشنطن",
        "موسكو",
        "باريس",
        "القدس",
        "غزة",
        "انقرة",
        "أنقرة",
        "اسطنبول",
        "تونس",
        "الرباط",
        "الجزائر",
        "الخرطوم",
        "صنعاء",
        "الكويت",
        "المنامة",
        "مسقط",
        "أبوظبي",
        "الموصل",
        "البصرة",
        "ملاحظة",
        "تنويه",
        "ملخص",
        "الخلاصة",
        "تحديث",
        "موقع",
        "الرابط",
        "فيديو",
        "صور",
        "كتب",
        "بقلم",
        "إعداد",
        "ترجمة",
        "تاريخ",
        "التاريخ",
        "الوسوم",
        "كلمات",
        "مصادر",
        "المصادر",
        "السؤال",
        "الجواب",
        "سؤال",
        "جواب",
        "ملف",
        "الموضوع",
        "عنوان",
        "العنوان",
    ],
    auxiliaries: &[],
    determiners: &[],
    person_nouns: &[
        "مسؤول",
        "المسؤول",
        "المسؤولة",
        "الخبير",
        "الخبيرة",
        "خبير",
        "المتحدث",
        "المتحدثة",
        "الدبلوماسي",
        "السياسي",
        "المحلل",
        "الوزير",
        "الوزيرة",
        "الرئيس",
        "النائب",
        "المستشار",
        "الناشط",
        "القائد",
        "السفير",
        "الأستاذ",
        "الباحث",
        "المدير",
        "الشيخ",
        "الجنرال",
        "المرشد",
        "الأمين",
    ],
    demonstratives: &["هذا", "هذه", "ذلك", "تلك"],
    possessives: &[],
    naming_verbs: &[],
    passive_auxiliaries: &[],
    subjunctives: &[],
    agent_prepositions: &[],
    quoting_participles: &[],
    source_nouns: &[
        "التقرير",
        "تقرير",
        "للتقرير",
        "البيان",
        "بيان",
        "للبيان",
        "الدراسة",
        "للدراسة",
        "المصادر",
        "مصادر",
        "لمصادر",
        "الوثيقة",
        "للوثيقة",
        "الإحصاءات",
        "للإحصاءات",
        "الأرقام",
        "المعلومات",
        "للمعلومات",
        "البيانات",
        "للبيانات",
        // Plural reports and the media as a whole ("أشارت تقارير صحفية", "ذكرت وسائل
        // إعلام"): unnamed sources, no speaker.
        "تقارير",
        "التقارير",
        "للتقارير",
        "وسائل",
        "لوسائل",
        "إحصائية",
        "إحصائيات",
        // A newspaper's sections and columns speak for nobody in particular.
        "ملحق",
        "الملحق",
        "زاوية",
        "عمود",
        "افتتاحية",
        "الافتتاحية",
    ],
    addressees: &[
        "ل",
        "لي",
        "له",
        "لها",
        "لهم",
        "لنا",
        "لكم",
        "لهن",
        "لوكالة",
        "لقناة",
        "لصحيفة",
        "لموقع",
        "لإذاعة",
        "لمجلة",
        "لتلفزيون",
        "لشبكة",
        // Outlets whose names are written onto li- ("قال لبي بي سي", "صرح لرويترز"): the
        // first word of the name with li- is never a name's.
        "لبي",
        "لسي",
        "لرويترز",
        "لفرانس",
        "لسكاي",
        "لبلومبرغ",
        "لفوكس",
        "لسبوتنيك",
        "للجزيرة",
        "للعربية",
    ],
};

// Word classes that can never be (the first word of) a speaker's name. They are built from
// grammar, not listed form by form: a clitic preposition written onto a demonstrative or a
// deictic ("بذلك", "لهذا", "كذلك"), a pronoun suffix on a preposition, an adverb of place or
// a speech noun ("فوقها", "عليه", "حديثه"), and closed classes of interrogatives,
// conjunctions, adverbs and time words. After a cue verb such a word means the subject is
// implicit ("وقال بذلك إن …"), so the speaker is found by the next rule.

/// Prepositions written onto the next word.
const CLITIC_PREPOSITIONS: &[&str] = &["ب", "ل", "ك"];
/// Demonstratives and deictics that take a clitic preposition.
const DEICTICS: &[&str] = &[
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "هؤلاء",
    "أولئك",
    "هنا",
    "هناك",
    "ذا",
    "ذاك",
];
/// Words that take a pronoun suffix and then never name anyone: prepositions, adverbs of
/// place and time, and nouns of speech ("في حديثه", "حسب رأيها").
const SUFFIX_HOSTS: &[&str] = &[
    "فوق",
    "تحت",
    "عند",
    "مع",
    "ل",
    "ب",
    "في",
    "علي",
    "من",
    "عن",
    "إلي",
    "لدي",
    "بين",
    "أمام",
    "خلف",
    "حول",
    "ضد",
    "دون",
    "بعد",
    "قبل",
    "وراء",
    "نحو",
    "لكن",
    "لأن",
    "كأن",
    "حديث",
    "كلام",
    "رأي",
    "تعليق",
    "رد",
    "موقف",
    "عمل",
    "نفس",
    "يوم",
    "وقت",
    "حين",
    "ساعت",
    "اسم",
    "دور",
];
/// Pronoun suffixes (not the first person singular -ي, which would also make names such as
/// "منى" after folding).
const PRONOUN_SUFFIXES: &[&str] = &["ه", "ها", "هم", "هما", "هن", "ك", "كم", "نا"];
/// Closed classes: interrogatives, conjunctions and particles, adverbs, time words and
/// adverbial nouns that follow a verb but are no subject.
const NOT_NAMES: &[&str] = &[
    // The particle before a verb ("وكان الوزير قد أكد").
    "قد",
    "لقد",
    "كيف",
    "لماذا",
    "ماذا",
    "متى",
    "أين",
    "هل",
    "كم",
    "أي",
    "لمن",
    "ممن",
    "عما",
    "مما",
    "فيما",
    "بما",
    "عندما",
    "بينما",
    "حينما",
    "كلما",
    "لكن",
    "لأن",
    "إذ",
    "إذا",
    "حتى",
    "أما",
    "إلا",
    "فقط",
    "كذلك",
    "دائما",
    "أبدا",
    "أحيانا",
    "حاليا",
    "قريبا",
    "مجددا",
    "مجدداً",
    "مرة",
    "مرارا",
    "جدا",
    "تماما",
    "فعلا",
    "حقا",
    "صراحة",
    "علنا",
    "بوضوح",
    "بمثابة",
    "بتاريخ",
    "عندئذ",
    "حينئذ",
    "يومئذ",
    "آنذاك",
    "هكذا",
    "كما",
    "ربما",
    "أمس",
    "غدا",
    "ليلا",
    "نهارا",
    "ظهرا",
    "عصرا",
    "فجرا",
    // Adverbs of time and place that take a noun ("قال عقب اجتماعه", "أثناء زيارته"),
    // "with all" before a manner noun ("بكل وضوح"), and adverbial masdars ("ردا على").
    // Not "أمام", which folds like "إمام" and Persian "امام" (imam), nor "خلف", a name.
    "عقب",
    "إثر",
    "أثناء",
    "قبيل",
    "فور",
    "عند",
    "منذ",
    "إزاء",
    "بكل",
    "ردا",
    "تعليقا",
    // Adverbs of place that open an adverbial after a cue ("كتب له فوق الصورة", "قال داخل
    // القاعة"): never a subject. Not "تحت", which introduces names ("تحت «…»"), nor "بين"
    // and "دون", which also spell names (Ben, Dawn).
    "فوق",
    "داخل",
    "خارج",
    "حول",
    "نحو",
    "قرب",
    "ضد",
];

/// Negation and future particles, impersonal and modal verbs, personal pronouns: right
/// after a cue they open the clause said ("وقال يجب أن …", "وأضاف ليس من السهل …"), so the
/// subject is implicit. Only that place counts: inside a longer phrase they are no end of
/// a name (a phrase cut short by one would pass for a name).
pub const CLAUSE_OPENERS: &[&str] = &[
    "لا",
    "لم",
    "لن",
    "ليس",
    "ليست",
    "سوف",
    "يجب",
    "ينبغي",
    "يمكن",
    "نحن",
    "أنا",
    "أنت",
    "إننا",
    "إنني",
];

/// Nouns of manner taken with bi- right after a cue ("وقال بحزم", "وأضاف بنبرة حزينة",
/// "قال بصوت مرتفع"): an adverbial, never a subject.
const MANNER_NOUNS: &[&str] = &[
    "صوت",
    "نبرة",
    "لهجة",
    "حزم",
    "غضب",
    "حسرة",
    "أسف",
    "ثقة",
    "فخر",
    "ألم",
    "سخرية",
    "حماس",
    "هدوء",
    "حدة",
    "مرارة",
    "تأثر",
    "انفعال",
    "ابتسامة",
    "صراحة",
    "اختصار",
];

/// Every form of the word classes above, as written (folded when the lexicon is built).
pub fn not_name_forms() -> Vec<String> {
    let mut out: Vec<String> = NOT_NAMES.iter().map(|w| w.to_string()).collect();
    for p in CLITIC_PREPOSITIONS {
        out.extend(DEICTICS.iter().map(|d| format!("{p}{d}")));
    }
    for h in SUFFIX_HOSTS {
        out.extend(PRONOUN_SUFFIXES.iter().map(|s| format!("{h}{s}")));
    }
    out.extend(MANNER_NOUNS.iter().map(|n| format!("ب{n}")));
    // "أقرت بنفسها", "قال بذاته": the reflexive with bi-.
    for h in REFLEXIVES {
        out.extend(PRONOUN_SUFFIXES.iter().map(|s| format!("ب{h}{s}")));
    }
    out
}

/// Nouns of the Arabic reflexive ("نفسه", "ذاته").
const REFLEXIVES: &[&str] = &["نفس", "ذات"];

/// Nouns for whom one speaks, and outlets, that follow a cue verb with li- as its addressee
/// ("قال لمراسلنا", "صرح لصحفيين", "أضاف لجريدة …"), with or without a pronoun suffix.
const ADDRESSEE_NOUNS: &[&str] = &[
    "مراسل",
    "مراسلة",
    "مراسلي",
    "صحفي",
    "صحفيين",
    "صحافي",
    "صحافيين",
    "إعلاميين",
    "وسائل",
    "جريدة",
    "صحيفة",
    "وكالة",
    "قناة",
    "موقع",
    "إذاعة",
    "مجلة",
    "شبكة",
    "تلفزيون",
    "محطة",
    "برنامج",
    "مندوب",
    "موفد",
    "محرر",
    "قراء",
    "جمهور",
    "حضور",
    "حاضرين",
    "مشاركين",
    "مواطنين",
    "أنصار",
];
/// Suffixes an addressee noun takes ("لمراسلنا", "لمراسلها").
const ADDRESSEE_SUFFIXES: &[&str] = &["", "نا", "ها", "ه", "هم"];

/// Every li- form of [`ADDRESSEE_NOUNS`], as written: with a pronoun suffix ("لمراسلنا")
/// or the article ("للصحافيين").
pub fn addressee_forms() -> Vec<String> {
    ADDRESSEE_NOUNS
        .iter()
        .flat_map(|n| {
            ADDRESSEE_SUFFIXES
                .iter()
                .map(move |s| format!("ل{n}{s}"))
                .chain(std::iter::once(format!("لل{n}")))
        })
        .collect()
}

/// The grammatical gender an Arabic verb or participle agrees in with its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Masculine,
    Feminine,
}

/// Letters a folded word must have, past و/ف, for its shape to tell its gender: shorter
/// words are particles and pronouns.
const MIN_GENDERED_LETTERS: usize = 3;

/// The gender of a third-person singular verb or adverbial participle, folded, read from
/// its shape, or `None` when the shape does not tell: the past feminine ends in -t
/// ("قالت", "رحبت"), the present masculine opens with ya- ("يقول"), a feminine participle
/// ends in ta marbuta ("قائلة", folded "قائله"), a masculine one in the accusative alef
/// ("قائلا"); a plural ("قالوا", "يقولون") and a present with ta- (feminine "تقول" or the
/// masculine past "تابع") tell nothing; any other past form is masculine ("قال", "أكد").
/// A few masculine pasts end in a root -t ("لفت"); they are read as feminine.
pub fn verb_gender(folded: &str, participle: bool) -> Option<Gender> {
    let w = match folded.strip_prefix(['و', 'ف']) {
        Some(rest) if rest.chars().count() >= MIN_GENDERED_LETTERS => rest,
        _ => folded,
    };
    if w.chars().count() < MIN_GENDERED_LETTERS || w.ends_with("وا") || w.ends_with("ون") {
        return None;
    }
    if participle {
        return match w.chars().last() {
            Some('ه') => Some(Gender::Feminine),
            Some('ا') => Some(Gender::Masculine),
            _ => None,
        };
    }
    // An object pronoun after the verb ("وصفته", "اعتبرها"): the -t before it tells.
    if w.ends_with('ت') || ["ته", "تها", "تهم"].iter().any(|s| w.ends_with(s)) {
        Some(Gender::Feminine)
    } else if w.ends_with('ه') || w.ends_with("ها") || w.ends_with("هم") {
        None
    } else if w.starts_with('ی') {
        Some(Gender::Masculine)
    } else if w.starts_with('ت') || w.starts_with('ن') {
        None
    } else {
        Some(Gender::Masculine)
    }
}

/// Verbs of publishing and writing, folded, without و/ف: a statement after them is their
/// object ("نشر تغريدة", "كتب رسالة"), not their subject.
const PUBLISHING_VERBS: &[&str] = &["نشر", "نشرت", "كتب", "كتبت", "غرد", "غردت", "اصدر", "اصدرت"];

/// Whether the folded Arabic verb `w` is one of [`PUBLISHING_VERBS`]. The list is written
/// with the Arabic kaf and yeh, which folding turns into the Persian letters, so each verb
/// is folded before it is compared ("كتب" is "کتب" once folded).
pub fn is_publishing_verb(w: &str) -> bool {
    let bare = match w.strip_prefix(['و', 'ف']) {
        Some(rest) if rest.chars().count() >= MIN_GENDERED_LETTERS => rest,
        _ => w,
    };
    PUBLISHING_VERBS
        .iter()
        .any(|v| fold_for_matching(v) == bare)
}

/// Prepositions that open a sentence's adverbial, without و/ف (folded when compared) ("في المقابل،",
/// "من جهته،", "على صعيد آخر،", "بعد ذلك،").
const OPENING_PREPOSITIONS: &[&str] = &[
    "في", "من", "على", "عن", "إلى", "مع", "بعد", "قبل", "خلال", "وسط", "بين", "عبر",
];

/// Whether folded `w` is a preposition that may open a sentence's adverbial, with or
/// without و/ف.
pub fn opens_adverbial(w: &str) -> bool {
    let bare = match w.strip_prefix(['و', 'ف']) {
        Some(rest) if rest.chars().count() >= 2 => rest,
        _ => w,
    };
    OPENING_PREPOSITIONS.iter().any(|p| {
        let p = fold_for_matching(p);
        p == bare || p == w
    })
}

/// Letters a noun with its pronoun suffix has past و/ف ("مقره"); a shorter word is as often
/// a name ending in ha ("وجيه").
const CONJOINED_NOUN_LETTERS: usize = 4;

/// Whether folded `w` is و/ف on a noun with a pronoun suffix ("ومقره", "وعمرها"): in a
/// phrase set off by commas after a subject ("وقال المرصد، ومقره لندن، إن") it is a clause
/// of its own, not the subject's name. A name does not take the conjunction there.
pub fn is_conjoined_with_pronoun(w: &str) -> bool {
    w.strip_prefix(['و', 'ف']).is_some_and(|rest| {
        rest.chars().count() >= CONJOINED_NOUN_LETTERS
            && ["ه", "ها", "هم", "هما"].iter().any(|s| rest.ends_with(s))
    })
}

/// "كان" and the particle "قد" with و, folded: they open a clause before its subject ("وكان
/// ترامب قال", "وقد قال"), and are no part of a name written before a verb.
const AUXILIARIES: &[&str] = &["کان", "کانت", "وکان", "وکانت", "قد", "وقد", "لقد", "ولقد"];

/// Whether the folded Arabic word `w` is one of [`AUXILIARIES`].
pub fn is_auxiliary(w: &str) -> bool {
    AUXILIARIES.contains(&w)
}

/// Verbs of reporting from a source, folded, without و/ف: "نقلت الوكالة عن الوزير قوله",
/// whose speaker is the one after "عن".
const TRANSMITTING_VERBS: &[&str] = &["نقل", "نقلت", "ینقل", "تنقل"];

/// Whether folded `w` is a verb of publishing or one of them with an object pronoun
/// ("نشرته", "كتبها"), with or without و/ف.
pub fn is_publishing_stem(w: &str) -> bool {
    let bare = w.strip_prefix(['و', 'ف']).unwrap_or(w);
    PUBLISHING_VERBS.iter().any(|v| {
        let v = fold_for_matching(v);
        w.starts_with(v.as_str()) || bare.starts_with(v.as_str())
    })
}

/// Whether the folded name-introducing word `w` is a preposition or a noun with a clitic
/// preposition ("تحت «…»", "بعنوان «…»", "لصحيفة «…»"): it introduces a name from outside,
/// and a quoted span it opens ("«تحت الضغط»") is no name led by it.
pub fn introduces_by_preposition(w: &str) -> bool {
    w == "تحت" || w.starts_with(['ب', 'ل'])
}

/// Whether the folded verb `w` ends in an object pronoun ("اعتبرته", "وصفها", "أبلغهم"):
/// a quoted word after it is no subject. A few verbs end in a root ha ("نوه") and are read
/// so too.
pub fn has_object_pronoun(w: &str) -> bool {
    w.ends_with('ه') || w.ends_with("ها") || w.ends_with("هم")
}

/// Conjunctions of time before "أن", folded ("قبل أن يقوم …", "بعد أن كتبت …"): the clause
/// they open has a verb and its subject.
const TIME_CONJUNCTIONS: &[&str] = &["قبل", "بعد", "منذ", "وقبل", "وبعد", "ومنذ"];

/// Whether folded `w` is one of [`TIME_CONJUNCTIONS`].
pub fn is_time_conjunction(w: &str) -> bool {
    TIME_CONJUNCTIONS.contains(&w)
}

/// Particles that open a clause of contrast or of its own ("«…»، في حين قال X إن …",
/// "بينما قالت", "لكن الوزير قال"), folded: a cue after one is that clause's, not the
/// quotation's before it ("كما قال", "as X said", is the quotation's and is not here).
const CONTRAST_PARTICLES: &[&str] = &["بینما", "فیما", "حین", "لکن", "ولکن"];

/// Whether the folded Arabic word `w` is one of [`CONTRAST_PARTICLES`].
pub fn opens_contrast_clause(w: &str) -> bool {
    CONTRAST_PARTICLES.contains(&w)
}

/// Whether the folded Arabic verb `w` is one of [`TRANSMITTING_VERBS`].
/// With an object pronoun too ("نقلته", "تنقلها"): the lexicon's cue forms carry them.
pub fn is_transmitting_verb(w: &str) -> bool {
    let bare = match w.strip_prefix(['و', 'ف']) {
        Some(rest) if rest.chars().count() >= MIN_GENDERED_LETTERS => rest,
        _ => w,
    };
    TRANSMITTING_VERBS.iter().any(|v| {
        bare.strip_prefix(v)
            .is_some_and(|suffix| ["", "ه", "ها", "هم", "هما"].contains(&suffix))
    })
}

/// The noun of saying with a pronoun suffix that follows the source after "نقل … عن"
/// ("قوله", "قولها"), folded.
pub fn is_saying_noun(w: &str) -> bool {
    matches!(w, "قوله" | "قولها" | "قولهم" | "قولهما")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::chars::fold::fold_for_matching;

    fn gender(w: &str, participle: bool) -> Option<Gender> {
        verb_gender(&fold_for_matching(w), participle)
    }

    #[test]
    fn verb_gender_from_its_shape() {
        use Gender::{Feminine, Masculine};
        assert_eq!(gender("قالت", false), Some(Feminine));
        assert_eq!(gender("وأضافت", false), Some(Feminine));
        assert_eq!(gender("وصفته", false), Some(Feminine));
        assert_eq!(gender("قال", false), Some(Masculine));
        assert_eq!(gender("وأكد", false), Some(Masculine));
        assert_eq!(gender("يقول", false), Some(Masculine));
        assert_eq!(gender("تقول", false), None);
        assert_eq!(gender("تابع", false), None);
        assert_eq!(gender("قالوا", false), None);
        assert_eq!(gender("قائلة", true), Some(Feminine));
        assert_eq!(gender("قائلا", true), Some(Masculine));
    }

    #[test]
    fn publishing_verbs_with_kaf_are_found_once_folded() {
        let f = |w: &str| is_publishing_verb(&fold_for_matching(w));
        assert!(f("كتب"));
        assert!(f("وكتبت"));
        assert!(f("فنشر"));
        assert!(f("أصدرت"));
        assert!(!f("قال"));
    }

    #[test]
    fn opening_adverbial_and_conjoined_pronoun_clause() {
        let f = |w: &str| opens_adverbial(&fold_for_matching(w));
        assert!(f("في"));
        assert!(f("ومن"));
        assert!(f("وعلى"));
        assert!(!f("قال"));
        let c = |w: &str| is_conjoined_with_pronoun(&fold_for_matching(w));
        assert!(c("ومقره"));
        assert!(c("وعمرها"));
        assert!(!c("وليد"));
        assert!(!c("وجيه"));
        assert!(!c("عبدالله"));
    }
}
