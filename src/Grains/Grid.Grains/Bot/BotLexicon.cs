namespace Grid.Bot;

/// <summary>
/// Every word list the bot's text handling uses, in one class: SMS spellings and abbreviations per language, English
/// contractions and the function words that carry no topic here; the words that tell a request for a person from a
/// mere mention of one in <c>BotLexicon.HumanRequests.cs</c>. Keys and words are lowercase and without accents (the normaliser folds them first).
/// </summary>
internal static partial class BotLexicon
{
    /// <summary>French SMS spellings and abbreviations, expanded to the words they stand for.</summary>
    public static readonly IReadOnlyDictionary<string, string> FrenchSms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["slt"] = "salut", ["bjr"] = "bonjour", ["bsr"] = "bonsoir", ["cc"] = "coucou", ["stp"] = "s'il te plait",
        ["svp"] = "s'il vous plait", ["pk"] = "pourquoi", ["pq"] = "pourquoi", ["pkoi"] = "pourquoi", ["pourkoi"] = "pourquoi",
        ["tjr"] = "toujours", ["tjrs"] = "toujours", ["tjs"] = "toujours", ["kan"] = "quand", ["qd"] = "quand", ["qand"] = "quand",
        ["c"] = "c'est", ["ct"] = "c'etait", ["ds"] = "dans", ["pr"] = "pour", ["jsp"] = "je ne sais pas", ["chais"] = "je sais",
        ["mdp"] = "mot de passe", ["qqn"] = "quelquun", ["qqun"] = "quelquun", ["qqch"] = "quelque chose", ["qqc"] = "quelque chose",
        ["qq"] = "quelque", ["qqs"] = "quelques", ["qques"] = "quelques", ["qqpart"] = "quelque part", ["rdv"] = "rendez-vous",
        ["koi"] = "quoi", ["kwa"] = "quoi", ["ki"] = "qui", ["vs"] = "vous", ["ns"] = "nous", ["tt"] = "tout", ["tte"] = "toute",
        ["bcp"] = "beaucoup", ["pb"] = "probleme", ["pbm"] = "probleme", ["pbs"] = "problemes", ["msg"] = "message", ["tel"] = "telephone",
        ["dc"] = "donc", ["jai"] = "j'ai", ["g"] = "j'ai", ["jsuis"] = "je suis", ["chui"] = "je suis",
        ["jsui"] = "je suis", ["jveux"] = "je veux", ["jveu"] = "je veux", ["jvx"] = "je veux", ["jpeux"] = "je peux", ["jdois"] = "je dois", ["jtrouve"] = "je trouve",
        ["jarrive"] = "j'arrive", ["jcomprends"] = "je comprends", ["jcomprend"] = "je comprends", ["jvoudrais"] = "je voudrais",
        ["jaimerais"] = "j'aimerais", ["jattends"] = "j'attends", ["jhabite"] = "j'habite", ["jme"] = "je me", ["ya"] = "il y a",
        ["aprem"] = "apres-midi", ["exam"] = "examen", ["dispo"] = "disponible", ["dispos"] = "disponibles", ["appart"] = "appartement",
        ["appt"] = "appartement", ["infos"] = "informations", ["info"] = "information", ["cb"] = "carte bancaire",
        ["regul"] = "regularisation", ["auj"] = "aujourd'hui", ["ajd"] = "aujourd'hui", ["dsl"] = "desole", ["mrc"] = "merci",
        ["mci"] = "merci", ["pcq"] = "parce que", ["pcke"] = "parce que", ["psk"] = "parce que", ["we"] = "week-end",
        ["wk"] = "week-end", ["tkt"] = "ne t'inquiete pas", ["mtn"] = "maintenant", ["mnt"] = "maintenant", ["bb"] = "bebe",
        ["asap"] = "des que possible", ["rapidos"] = "rapidement", ["perso"] = "personnelles", ["pro"] = "professionnel",
        ["mm"] = "meme", ["keske"] = "qu'est-ce que", ["kesk"] = "qu'est-ce que",
        ["qq1"] = "quelquun", ["kelkun"] = "quelquun", ["kelkin"] = "quelquun", ["quelquin"] = "quelquun", ["davoir"] = "d'avoir", ["o"] = "au", ["kelk1"] = "quelquun", ["k1"] = "quelquun", ["qlq1"] = "quelquun", ["qlqn"] = "quelquun", ["dun"] = "d'un", ["dune"] = "d'une",
        ["rapeler"] = "rappeler", ["rapelez"] = "rappelez", ["rapelle"] = "rappelle", ["rapele"] = "rappele", ["rapel"] = "rappel", // one "p", as often written
        ["mappeler"] = "m'appeler", ["mapeler"] = "m'appeler", ["mappelle"] = "m'appelle", ["mapelle"] = "m'appelle", ["mrappeler"] = "me rappeler", ["mrapeler"] = "me rappeler",
        ["mapel"] = "m'appelle", ["possib"] = "possible", ["apeler"] = "appeler", ["apelle"] = "appelle", ["apelez"] = "appelez", ["rapl"] = "rappeler", ["ojourdui"] = "aujourd'hui", // one "p", clipped
        ["cnsllr"] = "conseiller", ["cnslr"] = "conseiller", ["csllr"] = "conseiller", ["conslr"] = "conseiller", ["veu"] = "veux", ["vx"] = "veux", ["1"] = "un",
    };

    /// <summary>English SMS spellings, abbreviations and contractions written without their apostrophe.</summary>
    public static readonly IReadOnlyDictionary<string, string> EnglishSms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["u"] = "you", ["ur"] = "your", ["r"] = "are", ["ya"] = "you", ["pls"] = "please", ["dept"] = "department", ["depts"] = "departments", ["plz"] = "please", ["plss"] = "please",
        ["pleas"] = "please", ["thx"] = "thanks", ["thnx"] = "thanks", ["tx"] = "thanks", ["ty"] = "thank you", ["cant"] = "cannot",
        ["dont"] = "do not", ["wont"] = "will not", ["im"] = "i am", ["ive"] = "i have", ["didnt"] = "did not",
        ["doesnt"] = "does not", ["isnt"] = "is not", ["wasnt"] = "was not", ["arent"] = "are not", ["havent"] = "have not",
        ["hasnt"] = "has not", ["couldnt"] = "could not", ["shouldnt"] = "should not", ["wouldnt"] = "would not",
        ["whats"] = "what is", ["wheres"] = "where is", ["theres"] = "there is", ["hows"] = "how is", ["whos"] = "who is",
        ["thats"] = "that is", ["b4"] = "before", ["2day"] = "today", ["2moro"] = "tomorrow", ["tmrw"] = "tomorrow",
        ["tmr"] = "tomorrow", ["pw"] = "password", ["pwd"] = "password", ["acct"] = "account", ["msg"] = "message",
        ["info"] = "information", ["appt"] = "appointment", ["hrs"] = "hours", ["mins"] = "minutes", ["coz"] = "because",
        ["cuz"] = "because", ["bc"] = "because", ["wanna"] = "want to", ["gonna"] = "going to", ["gimme"] = "give me",
        ["lemme"] = "let me", ["ppl"] = "people", ["sb"] = "somebody", ["smb"] = "somebody", ["sth"] = "something",
        ["abt"] = "about", ["idk"] = "i do not know", ["rn"] = "right now", ["tech"] = "technician", ["techs"] = "technicians",
        ["w/"] = "with", ["w"] = "with", ["wk"] = "week", ["yr"] = "year", ["asap"] = "as soon as possible", ["n"] = "and",
        ["tel"] = "telephone", ["ph"] = "phone", ["no."] = "number", ["num"] = "number", ["nr"] = "number", ["addr"] = "address",
        ["rep"] = "representative", ["reps"] = "representatives", ["mgr"] = "manager", ["pic"] = "picture",
        ["sum1"] = "someone", ["some1"] = "someone", ["any1"] = "anyone", ["ne1"] = "anyone", ["every1"] = "everyone",
        ["speek"] = "speak", ["spk"] = "speak", ["tlk"] = "talk", ["custmer"] = "customer", ["costumer"] = "customer",
        ["custumer"] = "customer", ["servis"] = "service", ["sevice"] = "service", ["hooman"] = "human", ["hoomans"] = "humans", ["tlak"] = "talk", ["taalk"] = "talk", ["spek"] = "speak",
        ["speack"] = "speak", ["presn"] = "person", ["persn"] = "person", ["perosn"] = "person", ["peson"] = "person", ["cna"] = "can",
    };

    /// <summary>English contraction endings, expanded (the possessive "'s" is dropped).</summary>
    public static readonly IReadOnlyList<(string Suffix, string Expansion)> EnglishContractions =
    [
        ("n't", " not"), ("'m", " am"), ("'re", " are"), ("'ve", " have"), ("'ll", " will"), ("'d", " would"), ("'s", ""),
    ];

    /// <summary>Irregular English negative contractions whose stem changes ("can't" is not "ca not").</summary>
    public static readonly IReadOnlyDictionary<string, string> EnglishIrregularContractions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["can't"] = "cannot", ["won't"] = "will not", ["shan't"] = "shall not", ["ain't"] = "is not", ["let's"] = "let us",
    };

    /// <summary>Words written joined to an elided article or pronoun that must stay one token ("quelqu'un").</summary>
    public static readonly IReadOnlyDictionary<string, string> FrenchJoined = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["quelqu'un"] = "quelquun", ["quelqu un"] = "quelquun", ["aujourd'hui"] = "aujourdhui", ["aujourd hui"] = "aujourdhui",
        ["presqu'ile"] = "presquile",
        // "chargé(e) de clientèle / de compte / de dossier / d'affaires": one person noun (BotLexicon.PersonNouns)
        ["chargee de clientele"] = "chargeclientele", ["charge de clientele"] = "chargeclientele",
        ["chargee de compte"] = "chargeclientele", ["charge de compte"] = "chargeclientele",
        ["chargee de dossier"] = "chargeclientele", ["charge de dossier"] = "chargeclientele",
        ["chargee d'affaires"] = "chargeclientele", ["charge d'affaires"] = "chargeclientele",
        ["chargee d affaires"] = "chargeclientele", ["charge d affaires"] = "chargeclientele",
    };

    // ---- Topic words ----------------------------------------------------------------------------------------------------

    /// <summary>French words that say nothing of the topic (beyond Lucene's French stop set): greetings, politeness, fillers.</summary>
    public static readonly IReadOnlyList<string> FrenchExtraStopWords =
    [
        "bonjour", "bonsoir", "salut", "coucou", "merci", "plait", "svp", "stp", "madame", "monsieur", "alors", "voila", "donc",
        "est-ce", "faire", "fais", "fait", "peux", "peut", "pouvez", "pourriez", "puis", "possible", "comment", "quoi", "veux",
        "voudrais", "aimerais", "souhaite", "souhaiterais", "besoin", "faut", "il", "y", "ca", "cela", "ceci", "chez", "quel",
        "quelle", "quels", "quelles", "dois", "doit", "vraiment", "bien", "tres", "encore", "bon", "oui", "non", "ok", "quand",
        "ou", "qui", "si", "sais", "savoir", "dire", "etc", "aussi", "tout", "tous", "toute", "toutes", "plus", "moins", "rien",
    ];

    /// <summary>English words that say nothing of the topic (beyond Lucene's English stop set).</summary>
    public static readonly IReadOnlyList<string> EnglishExtraStopWords =
    [
        "hi", "hello", "hey", "please", "thanks", "thank", "i", "me", "my", "mine", "you", "your", "yours", "we", "us", "our",
        "he", "she", "him", "her", "his", "its", "it", "do", "does", "did", "can", "could", "would", "should", "shall", "may",
        "might", "must", "am", "have", "has", "had", "been", "being", "how", "what", "which", "who", "whom", "so", "just",
        "guys", "lol", "ok", "okay", "yes", "oh", "well", "here", "some", "any", "all", "get", "got", "go", "know", "want",
        "need", "like", "would", "from", "about", "up", "out", "too", "very", "really", "also", "there", "this", "that",
        "when", "where", "why", "will", "im", "make", "more", "one",
    ];

    /// <summary>
    /// Words of time and insistence that say nothing of what a question is about ("toujours pas reçu", "still not
    /// arrived", "depuis 3 jours"): left out when unanswered questions are grouped (<see cref="QuestionGroups"/>), in
    /// both languages, on top of the analyser's stop words.
    /// </summary>
    public static readonly HashSet<string> QuestionGroupStopWords = new(StringComparer.Ordinal)
    {
        "toujours", "jamais", "deja", "hier", "aujourd", "hui", "demain", "maintenant", "depuis", "semaine", "semaines",
        "jour", "jours", "mois", "heure", "heures", "minute", "minutes", "matin", "soir", "enfin", "normalement", "urgent",
        "svp", "still", "yet", "already", "today", "yesterday", "tomorrow", "now", "since", "ago", "week", "weeks", "day",
        "days", "month", "months", "hour", "hours", "morning", "evening", "again", "ever", "never", "urgently",
    };
}
