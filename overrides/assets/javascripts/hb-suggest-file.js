/* Contribution forms, part 2 of 3 (hb-suggest-validate.js checks, hb-suggest.js wires the
 * page): the file a suggestion makes, and where it can go.
 *
 * window.hbSuggest.fileFor(kind, values, body, context) -> {kind, path, id, text, mode, ...}
 *   the item's file as `handbook new` names it (its folder, an id made from its title by the
 *   same rule as handbook.content.fields.slugify) and its text: front matter in which every
 *   text is a YAML double-quoted scalar with JSON's escapes (nothing typed can end the front
 *   matter, add a field or become YAML syntax), then the Markdown body. A perspective is the
 *   block to add under the term's `perspectives:`; a correction is a note for the reviewer.
 * window.hbSuggest.destinations(file, context) -> {newFileUrl, uploadUrl, editUrl, issueUrl, mailto, ...}
 *   GitHub's pages for it, opened only when the contributor presses a button: nothing here
 *   makes a request, and nothing is fetched.
 * copyText(text) and download(file): the clipboard, and the file saved from memory (a blob: link).
 *
 * The repository, branch and maintainers' address come from the page (the form's data-repo-url,
 * data-branch, data-email, rendered from mkdocs.yml's repo_url and extra.handbook.contributions_email),
 * passed in `context` as repoUrl, branch, email. Tests: tests/browser/test_suggest_submit.py. */
(function () {
  "use strict";
  var hb = (window.hbSuggest = window.hbSuggest || {});

  /* GitHub answers an address longer than its servers take with "414 URI Too Long" and does
   * not publish the figure. 8,000 characters keeps the request line under the 8 KiB that
   * common web servers accept by default (nginx's large_client_header_buffers is 4 8k), with
   * room to spare; above it the page offers the download and GitHub's upload page instead.
   * An address is counted as sent: percent-encoded, so a Welsh or Greek letter counts 6 or 9. */
  var URL_LIMIT = 8000;
  /* Mail programs differ in the longest mailto: address they take and none documents one for
   * all: a short bound (the file is in the email when it fits, else the email asks for the
   * downloaded file to be attached). */
  var MAILTO_LIMIT = 1800;

  // kind -> folder of its files: handbook.cli.scaffold.FOLDERS (a test holds them equal).
  var FOLDERS = {
    term: "glossary",
    evidence: "docs/evidence",
    story: "docs/stories",
    convening: "docs/convenings",
    resource: "docs/resources",
    organisation: "docs/organisations"
  };
  // What names a new item of each kind (its title): the id is made from it.
  var TITLE_FIELD = { term: "term", evidence: "title", story: "title", convening: "title", resource: "title", organisation: "name" };

  /* The issue forms (handbook.contributions.issue_forms.FORMS; a test holds them equal): each
   * form's file and its text questions, which GitHub fills from the query string, with where
   * each answer comes from: a field path in the values ("*" is a list's first item), or
   * "@term", "@body", "@address" (the context's term, the body, the page's address). */
  var ISSUE_FORMS = {
    term: ["suggest-term.yml", [["term", "term"], ["aliases", "aliases"], ["working_definition", "working_definition"],
      ["attributed_to", "perspectives.*.attributed_to"], ["definition", "perspectives.*.definition"],
      ["source_title", "perspectives.*.source.title"], ["source_year", "perspectives.*.source.year"],
      ["source_url", "perspectives.*.source.url"]]],
    perspective: ["suggest-perspective.yml", [["term", "@term"], ["attributed_to", "attributed_to"],
      ["definition", "definition"], ["source_title", "source.title"], ["source_year", "source.year"],
      ["source_url", "source.url"]]],
    story: ["propose-story.yml", [["title", "title"], ["story", "@body"], ["summary", "summary"],
      ["storyteller", "storytellers.*.name"], ["role", "storytellers.*.role"], ["town", "place.town"], ["date", "date"]]],
    organisation: ["add-organisation.yml", [["name", "name"], ["what_we_do", "what_we_do"], ["website", "website"],
      ["listed_by", "listing.by"]]],
    evidence: ["suggest-evidence.yml", [["title", "title"], ["authors", "authors"], ["year", "year"],
      ["publisher", "publisher"], ["url", "url"], ["doi", "doi"], ["key_findings", "key_findings"],
      ["rationale", "confidence.rationale"], ["summary", "summary"]]],
    correction: ["suggest-correction.yml", [["page", "@address"], ["wrong", "wrong"], ["correction", "correction"],
      ["evidence", "source"]]]
  };

  /* ---- ids: handbook.content.fields.slugify, that is python-slugify's pipeline with the
   * apostrophes dropped first ("Mother's day" -> "mothers-day") and text-unidecode's
   * transliteration. Its table is carried for the scripts a title here is likely to use
   * (TRANSLIT_RANGES: Latin, IPA, Greek, Cyrillic, Armenian, Hebrew, Arabic, Devanagari,
   * Bengali, Gurmukhi, Gujarati, punctuation and symbols): each value reduced to what can
   * change an id (a run of other characters is one "-"), characters Unicode decomposes left
   * out (NFKD comes first), "-" the default. A title in another script gets an id with "-" for
   * those letters and `exact: false`: a maintainer may rename the file. The tables are
   * checked against Python's by the tests, which print them anew when they differ. */
  var TRANSLIT_RANGES = "80-700 900-b00 1d00-2500 2c60-2c80 a720-a800 fb00-fb50 fe00-fe10 fe20-fe30 ff00-fff0";
  var TRANSLIT = "80                                |a2 C- PS|a5 Y-|a7 SS|a9 -c-|ad  -r-|b0 deg|b6 P|c6 AE|d0 D|d7 x O|de Th ss|e6 ae|f0 d|f8 o|fe th|110 D d|126 H h|131 i|138 k|141 L l|14a ng NG|152 OE oe|166 T t|180 b B B b 6 6 O C c D D D d d 3|190 E F f G G hv I I K k l l W N n O|1a2 OI oi P p YR 2 2 SH sh t T t T|1b1 Y V Y y Z z ZH ZH zh zh 2 5 5 ts w|1e4 G g|1f6 HV W|21c Y y|220 N d OU ou Z z|234 l n t j db qp A C c L T s z|243 B U|246 E e J j q q R r Y y a a a b o c d d e|25b e e e e j g g g g u Y h h i i I l l l lZ W W m n n n o OE O F r r r r r r r R R s S j S S t t u U v|28d w y Y z z Z Z|297 C|299 B E G H j k L q|2a3 dz dZ dz ts tS tC fN ls lz WW|2ae h h|2b9 '|2bc '|2bf '|2c5 V|2c7 V '|2cc ,|2d3 '|2d5 V|2de R X|2e5        V|300                                                                |342 |345          |360    a e i o u c d h m r t v x|375 ,|391 A B G D E Z E Th I K L M N Ks O P R|3a3 S T U Ph Kh Ps O|3b1 a b g d e z e th i k l m n x o p r s s t u ph kh ps o|3d7 &|3da St st W w Q q Sp sp Sh sh F f Kh kh H h G g CH ch Ti ti|3f3 j|402 Dj|404 E Dz I|408 J Lj Nj Tsh|40f Dzh A B V G D E Zh Z I|41a K L M N O P R S T U F Kh Ts Ch Sh Shch  Y ' E Iu Ia a b v g d e zh z i|43a k l m n o p r s t u f kh ts ch sh shch  y ' e iu ia|452 dj|454 ie dz i|458 j lj nj tsh|45f dzh O o E e Ie ie E e Ie ie O o Io io Ks ks Ps ps F f Y y|478 u u O o O o Ot ot Q q -1000-    |488 -100-000- -1-000-000-|48e R' r' G' g' G' g' G' g' Zh' zh' Z' z' K' k' K' k' K' k' K' k' N' n' Ng ng P' p' Kh kh S' s' T' t' U u U' u' Kh' kh' Tts tts Ch' ch' Ch' ch' H h Ch ch Ch' ch'|4c3 K' k'|4c7 N' n'|4cb Ch ch|4d4 Ae ae|4e0 Dz dz|4e8 O o|531 A B G D E Z E E T- Zh I L Kh Ts K H Dz Gh Ch M Y N Sh O Ch- P J Rh S V T R Ts- W P- K- O F|55a '|55d ,|561 a b g d e z e e t- zh i l kh ts k h dz gh ch m y n sh o ch- p j rh s v t r ts- w p- k- o f|591                 |5a3             |5b1 e a o i e e a a o|5bb u '   |5c1  |5c4 |5d0  b g d h v z kh t y k k l m m n n s|5e3 p p ts ts q r sh t|5f0 V oy i '|60c ,|61b ;|621 |627  b|62a t th j H kh d dh r z s sh S D T Z|63a G|640  f q k l m n h w|64a y an un in a u i W   ' '|660 0 1 2 3 4 5 6 7 8 9|66c ,|670  ' ' ' |679 tt tth b t T p th bh 'h H ny dy H ch cch dd D D Dt dh ddh d D D rr R R R R R R j R S S S S S T GH F F F v f ph Q Q kh k K K ng K g G N G G G L L L L N N N N N h Ch|6c1 h|6c4 W oe oe u yu yu W v y Y Y W   y|6d5 ae       |6de #          |6ea    |6f0 0 1 2 3 4 5 6 7 8 9 Sh D Gh & -m|901 N N H|905 a aa i ii u uu R L eN e e ai oN o o au k kh g gh ng c ch j jh ny tt tth dd ddh nn t th d dh n|92a p ph b bh m y r|932 l l|935 v sh ss s h|93c ' ' aa i ii u uu R RR eN e e ai oN o o au |950 AUM ' '|954 '|960 RR LL L LL|966 0 1 2 3 4 5 6 7 8 9|981 N N H|985 a aa i ii u uu R RR|98f e ai|993 o au k kh g gh ng c ch j jh ny tt tth dd ddh nn t th d dh n|9aa p ph b bh m y r|9b2 l|9b6 sh ss s h|9bc '|9be aa i ii u uu R RR|9c7 e ai|9cd |9e0 RR LL L LL|9e6 0 1 2 3 4 5 6 7 8 9 r' r- Rs Rs 1- 2- 3- 4- -1-1- -16 |a02 N|a05 a aa i ii u uu|a0f ee ai|a13 oo au k kh g gh ng c ch j jh ny tt tth dd ddh nn t th d dh n|a2a p ph b bb m y r|a32 l|a35 v|a38 s h|a3c '|a3e aa i ii u uu|a47 ee ai|a4b oo au |a5c rr|a66 0 1 2 3 4 5 6 7 8 9 N H   G-E-O-|a81 N N H|a85 a aa i ii u uu R|a8d eN|a8f e ai oN|a93 o au k kh g gh ng c ch j jh ny tt tth dd ddh nn t th d dh n|aaa p ph b bh m ya r|ab2 l ll|ab5 v sh ss s h|abc ' ' aa i ii u uu R RR eN|ac7 e ai oN|acb o au |ad0 AUM|ae0 RR|ae6 0 1 2 3 4 5 6 7 8 9|1e9c s s Ss d|200c    |2018 ' ' , '|201e ,,|202a     |2030 -0 -00 '|204a 7 PP|206a      |2072  |20a0 ECU CL Cr FF L mil N Pts|20a9 W NS D EUR K T Dr|20d0                    |2104 |2108 |2114 |2117  |211e  |2123 |2125 |2127 |2129 |212e |2132 |213a |2180 -D D-|21b7 V|21ba V|2400                                       |2440           |fb1e |fe20   ";
  var ENTITIES = "AElig:c6 Aacute:c1 Acirc:c2 Agrave:c0 Alpha:391 Aring:c5 Atilde:c3 Auml:c4 Beta:392 Ccedil:c7 Chi:3a7 Dagger:2021 Delta:394 ETH:d0 Eacute:c9 Ecirc:ca Egrave:c8 Epsilon:395 Eta:397 Euml:cb Gamma:393 Iacute:cd Icirc:ce Igrave:cc Iota:399 Iuml:cf Kappa:39a Lambda:39b Mu:39c Ntilde:d1 Nu:39d OElig:152 Oacute:d3 Ocirc:d4 Ograve:d2 Omega:3a9 Omicron:39f Oslash:d8 Otilde:d5 Ouml:d6 Phi:3a6 Pi:3a0 Prime:2033 Psi:3a8 Rho:3a1 Scaron:160 Sigma:3a3 THORN:de Tau:3a4 Theta:398 Uacute:da Ucirc:db Ugrave:d9 Upsilon:3a5 Uuml:dc Xi:39e Yacute:dd Yuml:178 Zeta:396 aacute:e1 acirc:e2 acute:b4 aelig:e6 agrave:e0 alefsym:2135 alpha:3b1 amp:26 and:2227 ang:2220 aring:e5 asymp:2248 atilde:e3 auml:e4 bdquo:201e beta:3b2 brvbar:a6 bull:2022 cap:2229 ccedil:e7 cedil:b8 cent:a2 chi:3c7 circ:2c6 clubs:2663 cong:2245 copy:a9 crarr:21b5 cup:222a curren:a4 dArr:21d3 dagger:2020 darr:2193 deg:b0 delta:3b4 diams:2666 divide:f7 eacute:e9 ecirc:ea egrave:e8 empty:2205 emsp:2003 ensp:2002 epsilon:3b5 equiv:2261 eta:3b7 eth:f0 euml:eb euro:20ac exist:2203 fnof:192 forall:2200 frac12:bd frac14:bc frac34:be frasl:2044 gamma:3b3 ge:2265 gt:3e hArr:21d4 harr:2194 hearts:2665 hellip:2026 iacute:ed icirc:ee iexcl:a1 igrave:ec image:2111 infin:221e int:222b iota:3b9 iquest:bf isin:2208 iuml:ef kappa:3ba lArr:21d0 lambda:3bb lang:2329 laquo:ab larr:2190 lceil:2308 ldquo:201c le:2264 lfloor:230a lowast:2217 loz:25ca lrm:200e lsaquo:2039 lsquo:2018 lt:3c macr:af mdash:2014 micro:b5 middot:b7 minus:2212 mu:3bc nabla:2207 nbsp:a0 ndash:2013 ne:2260 ni:220b not:ac notin:2209 nsub:2284 ntilde:f1 nu:3bd oacute:f3 ocirc:f4 oelig:153 ograve:f2 oline:203e omega:3c9 omicron:3bf oplus:2295 or:2228 ordf:aa ordm:ba oslash:f8 otilde:f5 otimes:2297 ouml:f6 para:b6 part:2202 permil:2030 perp:22a5 phi:3c6 pi:3c0 piv:3d6 plusmn:b1 pound:a3 prime:2032 prod:220f prop:221d psi:3c8 quot:22 rArr:21d2 radic:221a rang:232a raquo:bb rarr:2192 rceil:2309 rdquo:201d real:211c reg:ae rfloor:230b rho:3c1 rlm:200f rsaquo:203a rsquo:2019 sbquo:201a scaron:161 sdot:22c5 sect:a7 shy:ad sigma:3c3 sigmaf:3c2 sim:223c spades:2660 sub:2282 sube:2286 sum:2211 sup:2283 sup1:b9 sup2:b2 sup3:b3 supe:2287 szlig:df tau:3c4 there4:2234 theta:3b8 thetasym:3d1 thinsp:2009 thorn:fe tilde:2dc times:d7 trade:2122 uArr:21d1 uacute:fa uarr:2191 ucirc:fb ugrave:f9 uml:a8 upsih:3d2 upsilon:3c5 uuml:fc weierp:2118 xi:3be yacute:fd yen:a5 yuml:ff zeta:3b6 zwj:200d zwnj:200c";
  var translit = null;
  var translitRanges = null;
  var entities = null;

  function tables() {
    if (translit) return;
    translit = new Map();
    TRANSLIT.split("|").forEach(function (run) {
      var parts = run.split(" ");
      var start = parseInt(parts[0], 16);
      for (var i = 1; i < parts.length; i++) translit.set(start + i - 1, parts[i]);
    });
    translitRanges = TRANSLIT_RANGES.split(" ").map(function (range) {
      return range.split("-").map(function (hex) { return parseInt(hex, 16); });
    });
    entities = new Map();
    ENTITIES.split(" ").forEach(function (pair) {
      var at = pair.indexOf(":");
      entities.set(pair.slice(0, at), parseInt(pair.slice(at + 1), 16));
    });
  }

  function transliterate(text, state) {
    var out = "";
    for (var ch of text) {
      var code = ch.codePointAt(0);
      if (code < 0x80) out += ch;
      else if (code > 0xffff) out += ""; // text-unidecode's table stops at U+FFFF: dropped
      else if (translit.has(code)) out += translit.get(code);
      else {
        out += "-";
        var known = translitRanges.some(function (r) { return code >= r[0] && code < r[1]; });
        if (!known) state.exact = false;
      }
    }
    return out;
  }

  // python-slugify decodes each kind of numeric reference all at once, or none if one is out of range.
  function decodeNumbers(text, pattern, radix) {
    var all = true;
    text.replace(pattern, function (match, digits) {
      if (parseInt(digits, radix) > 0x10ffff) all = false;
      return match;
    });
    if (!all) return text;
    return text.replace(pattern, function (match, digits) { return String.fromCodePoint(parseInt(digits, radix)); });
  }

  function slugState(title) {
    tables();
    var state = { exact: true };
    var text = String(title).replace(/['\u2019\u02bc]/g, "");
    text = text.normalize("NFKD");
    if (/[^\x00-\x7f]/.test(text)) text = transliterate(text, state);
    text = text.replace(/&([A-Za-z0-9]+);/g, function (match, name) {
      return entities.has(name) ? String.fromCodePoint(entities.get(name)) : match;
    });
    text = decodeNumbers(text, /&#(\d+);/g, 10);
    text = decodeNumbers(text, /&#x([\da-fA-F]+);/g, 16);
    text = text.normalize("NFKD").toLowerCase();
    text = text.replace(/'+/g, "");
    text = text.replace(/(\d),(?=\d)/g, "$1");
    text = text.replace(/[^-a-zA-Z0-9]+/g, "-").replace(/-{2,}/g, "-").replace(/^-+|-+$/g, "");
    state.id = text;
    return state;
  }

  /* {id, exact}: the id `handbook new` makes from a title ("" when nothing in it can be
   * spelt in a-z and 0-9); exact is false when it holds letters this table lacks. */
  function idFor(title) {
    var state = slugState(title);
    return { id: state.id, exact: state.exact };
  }

  /* As the evidence files are named (from_issue._evidence_id): the first author's surname,
   * both for two authors, and the year; the title when authors or year are missing. */
  function evidenceName(values) {
    var authors = Array.isArray(values.authors) ? values.authors.filter(function (a) { return String(a).trim(); }) : [];
    if (!authors.length || !Number.isInteger(values.year)) return null;
    var surnames = authors.slice(0, authors.length === 2 ? 2 : 1).map(function (a) { return String(a).split(",")[0]; });
    return surnames.concat([String(values.year)]).join(" ");
  }

  // FNV-1a, 32 bits, in hex: a short name that stays the same for the same text.
  function fingerprint(text) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return ("0000000" + hash.toString(16)).slice(-8);
  }

  /* ---- front matter ---------------------------------------------------------------- */
  function hex4(ch) { return "\\u" + ("0000" + ch.charCodeAt(0).toString(16)).slice(-4); }

  /* A text as a YAML double-quoted scalar: JSON's escapes are YAML's, and what JSON leaves
   * as it is but YAML reads otherwise is escaped too (C1 controls and DEL, which PyYAML
   * refuses raw; NEL, U+2028 and U+2029, which YAML 1.1 reads as line breaks; U+FEFF).
   * A lone surrogate, which UTF-8 cannot carry, becomes U+FFFD. */
  function quoted(value) {
    var text = Array.from(String(value)).map(function (ch) {
      return ch.length === 1 && ch >= "\ud800" && ch <= "\udfff" ? "\ufffd" : ch;
    }).join("");
    return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, hex4);
  }

  function plainNumber(value) {
    if (!Number.isFinite(value)) throw new Error("not a finite number: " + value);
    if (Number.isInteger(value)) return String(value);
    var text = String(value);
    // YAML 1.1 reads a float only with a decimal point and no bare exponent.
    return /e/i.test(text) ? value.toFixed(12).replace(/0+$/, "") : text;
  }

  function isEmpty(value) {
    if (value === null || value === undefined || value === "") return true;
    if (Array.isArray(value)) return value.every(isEmpty);
    if (typeof value === "object") return Object.keys(value).every(function (k) { return isEmpty(value[k]); });
    return false;
  }

  function scalar(value) {
    if (typeof value === "number") return plainNumber(value);
    if (typeof value === "boolean") return value ? "true" : "false";
    return quoted(value);
  }

  function key(name) { return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : quoted(name); }

  function flow(value) {
    if (Array.isArray(value)) return "[" + value.filter(function (v) { return !isEmpty(v); }).map(flow).join(", ") + "]";
    if (value !== null && typeof value === "object") {
      return "{" + Object.keys(value).filter(function (k) { return !isEmpty(value[k]); }).map(function (k) {
        return key(k) + ": " + flow(value[k]);
      }).join(", ") + "}";
    }
    return scalar(value);
  }

  function isMapping(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }

  /* A mapping's lines: scalars and lists of scalars on one line each, mappings and lists of
   * mappings in block style, as the content files are written. */
  function mappingLines(mapping, indent) {
    var pad = " ".repeat(indent);
    var lines = [];
    Object.keys(mapping).forEach(function (name) {
      var value = mapping[name];
      if (isEmpty(value)) return;
      if (Array.isArray(value) && value.some(isMapping)) {
        lines.push(pad + key(name) + ":");
        value.filter(function (v) { return !isEmpty(v); }).forEach(function (item) {
          lines.push.apply(lines, listItemLines(item, indent + 2));
        });
      } else if (isMapping(value)) {
        lines.push(pad + key(name) + ":");
        lines.push.apply(lines, mappingLines(value, indent + 2));
      } else {
        lines.push(pad + key(name) + ": " + flow(value));
      }
    });
    return lines;
  }

  function listItemLines(item, indent) {
    var pad = " ".repeat(indent);
    if (!isMapping(item)) return [pad + "- " + flow(item)];
    return mappingLines(item, 0).map(function (line, index) { return pad + (index === 0 ? "- " : "  ") + line; });
  }

  function frontMatter(values) {
    return "---\n" + mappingLines(values, 0).join("\n") + "\n---\n";
  }

  function markdownBody(body) {
    var text = String(body || "").replace(/\r\n?/g, "\n").replace(/\s+$/, "");
    return text ? text + "\n" : "";
  }

  /* ---- the file --------------------------------------------------------------------- */
  function at(values, path) {
    var value = values;
    path.split(".").forEach(function (part) {
      if (value === null || value === undefined) return;
      value = part === "*" ? (Array.isArray(value) ? value[0] : undefined) : value[part];
    });
    return value;
  }

  function answerText(value) {
    if (value === null || value === undefined) return "";
    if (Array.isArray(value)) return value.map(String).join("\n"); // one per line, as the form asks
    return String(value);
  }

  // The issue form's text answers (question id -> text), in the form's order, empty ones left out.
  function issueAnswers(kind, values, body, context) {
    var form = ISSUE_FORMS[kind];
    if (!form) return [];
    var answers = [];
    form[1].forEach(function (question) {
      var from = question[1];
      var value = from === "@term" ? context.term
        : from === "@body" ? body
        : from === "@address" ? context.address || context.pageUrl || values.page
        : at(values, from);
      var text = answerText(value).trim();
      if (text) answers.push([question[0], text]);
    });
    return answers;
  }

  function repoPath(path) {
    var text = String(path || "");
    if (!/^[A-Za-z0-9._/-]+$/.test(text) || text.charAt(0) === "/") return null;
    return text.split("/").some(function (part) { return part === ".." || part === "" || part === "."; }) ? null : text;
  }

  function fileFor(kind, values, body, context) {
    values = values || {};
    context = context || {};
    var file = { kind: kind, path: null, id: null, exact: true, text: "", mode: "new", problem: null };
    file.answers = issueAnswers(kind, values, body, context);
    if (kind === "perspective") {
      var term = context.term || "";
      file.mode = "append";
      file.id = term || null;
      file.path = repoPath(context.termPath) || (/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(term) ? FOLDERS.term + "/" + term + ".md" : null);
      // As the term files write their perspectives: "  - definition: ...", under "perspectives:".
      file.text = listItemLines(values, 2).join("\n") + "\n";
      return file;
    }
    if (kind === "correction") {
      file.mode = "note";
      file.path = repoPath(context.page) || repoPath(values.page);
      var address = context.address || context.pageUrl || values.page || "";
      var lines = ["Page: " + address, "Source: " + (file.path || "not found"), "", "What is wrong:", values.wrong || "", "",
        "What it should say:", values.correction || ""];
      if (values.source) lines.push("", "How they know:", values.source);
      file.text = lines.join("\n") + "\n";
      return file;
    }
    if (!FOLDERS[kind]) throw new Error("no file is made for a " + kind);
    var title = values[TITLE_FIELD[kind]];
    var made = (kind === "evidence" && evidenceName(values)) || title || "";
    var state = slugState(made);
    if (!state.id && made !== title && title) state = slugState(title);
    file.exact = state.exact;
    if (!state.id && !state.exact) {
      // Only letters the table lacks (a title in Chinese, say): handbook new would spell them;
      // here the file gets a stand-in name, the same for the same title, for a maintainer to change.
      state.id = "new-" + kind + "-" + fingerprint(String(title));
    }
    if (state.id) {
      file.id = state.id;
      file.path = FOLDERS[kind] + "/" + state.id + ".md";
    } else {
      file.problem = title
        ? "the title '" + title + "' has no letters or digits to make a file name from"
        : "it needs a title to make a file name from";
    }
    file.text = frontMatter(values) + markdownBody(body);
    return file;
  }

  /* ---- where it can go -------------------------------------------------------------- */
  var EMAIL = /^[A-Za-z0-9.!#$'*+/=^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

  function encodePath(path) { return path.split("/").map(encodeURIComponent).join("/"); }

  function folderOf(path) { return path.slice(0, path.lastIndexOf("/")); }

  function baseName(path) { return path.slice(path.lastIndexOf("/") + 1); }

  // GitHub's repository address from mkdocs.yml's repo_url: https://github.com/owner/name, else null.
  function githubRepo(url) {
    var found = /^https:\/\/github\.com\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/*$/.exec(String(url || ""));
    return found ? "https://github.com/" + found[1] + "/" + found[2] : null;
  }

  /* The new-issue page with the kind's issue form open and its text answers filled in from
   * the query (new_issue_url's rules): an answer that would take the address over the limit
   * is left out and named in issueLeftOut, for the page to say "paste it in". */
  function issueUrl(repo, file) {
    var form = ISSUE_FORMS[file.kind];
    if (!form) return { url: null, leftOut: [] };
    var url = repo + "/issues/new?template=" + encodeURIComponent(form[0]);
    var leftOut = [];
    (file.answers || []).forEach(function (answer) {
      var part = "&" + encodeURIComponent(answer[0]) + "=" + encodeURIComponent(answer[1]);
      if (url.length + part.length <= URL_LIMIT) url += part;
      else leftOut.push(answer[0]);
    });
    return { url: url, leftOut: leftOut };
  }

  function mailto(email, file) {
    if (!email || !EMAIL.test(email)) return null;
    var name = file.path ? baseName(file.path) : "suggestion.md";
    var what = file.mode === "append" ? "a perspective for " + file.path
      : file.mode === "note" ? "a correction" + (file.path ? " to " + file.path : "")
      : "a new file, " + (file.path || name);
    var subject = "Suggestion for the handbooks: " + what;
    var start = "mailto:" + email + "?subject=" + encodeURIComponent(subject) + "&body=";
    var inline = "Hello,\n\nI would like to suggest " + what + ". Here it is:\n\n" + file.text;
    var attached = "Hello,\n\nI would like to suggest " + what + ". The file is attached (" + name +
      ", downloaded from the form).\n";
    var long = start + encodeURIComponent(inline);
    return {
      url: long.length <= MAILTO_LIMIT ? long : start + encodeURIComponent(attached),
      attach: long.length > MAILTO_LIMIT
    };
  }

  /* GitHub's new-file page takes the file's name and text from `filename` and `value`
   * (/OWNER/REPO/new/BRANCH/FOLDER?filename=NAME&value=TEXT). docs.github.com documents query
   * parameters for issues, pull requests and releases but not these; they are GitHub's own
   * behaviour, relied on publicly (isaacs/github#1527; Gitea copied them "just like GitHub",
   * go-gitea/gitea#16556). The folder goes in the path, the bare name in `filename`: a
   * `filename` holding slashes is the case that issue reports as unreliable. Should GitHub
   * drop them, the page opens empty: the download and upload remain beside it. */
  function destinations(file, context) {
    context = context || {};
    var repo = githubRepo(context.repoUrl);
    var branch = encodeURIComponent(context.branch || "main");
    var out = {
      newFileUrl: null, uploadUrl: null, editUrl: null, issueUrl: null, issueLeftOut: [],
      mailto: null, attach: false, tooLong: false, limit: URL_LIMIT
    };
    if (repo && file.path && file.mode === "new") {
      var newFile = repo + "/new/" + branch + "/" + encodePath(folderOf(file.path)) +
        "?filename=" + encodeURIComponent(baseName(file.path)) + "&value=" + encodeURIComponent(file.text);
      out.tooLong = newFile.length > URL_LIMIT;
      out.newFileUrl = out.tooLong ? null : newFile;
      out.uploadUrl = repo + "/upload/" + branch + "/" + encodePath(folderOf(file.path));
    }
    if (repo && file.path && file.mode !== "new") out.editUrl = repo + "/edit/" + branch + "/" + encodePath(file.path);
    if (repo) {
      var issue = issueUrl(repo, file);
      out.issueUrl = issue.url;
      out.issueLeftOut = issue.leftOut;
    }
    var mail = mailto(context.email, file);
    if (mail) {
      out.mailto = mail.url;
      out.attach = mail.attach;
    }
    return out;
  }

  /* ---- clipboard and download: nothing leaves the page ------------------------------ */
  function copyText(text) {
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      document.body.removeChild(area);
      return done;
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, fallback);
    }
    return Promise.resolve(fallback());
  }

  // The file saved from memory: a blob: address is the page's own, no request is made.
  function download(file) {
    var name = file.path ? baseName(file.path) : "suggestion.md";
    var blob = new Blob([file.text], { type: "text/markdown;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    return name;
  }

  hb.fileFor = fileFor;
  hb.destinations = destinations;
  hb.idFor = idFor;
  hb.copyText = copyText;
  hb.download = download;
  hb.URL_LIMIT = URL_LIMIT;
  // For the tests, which hold these to the Python they follow.
  hb.submitTables = { folders: FOLDERS, issueForms: ISSUE_FORMS, translitRanges: TRANSLIT_RANGES, translit: TRANSLIT, entities: ENTITIES };
})();
