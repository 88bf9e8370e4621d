/* The contribution forms' validator: the build's checks and messages, in the browser.
 *
 * window.hbSuggest.validate(definition, values, schemaRoot, known) -> [{field, message, expected, suggestion}]
 *
 * `definition` is a kind's definition from the content schema (contribute/schema.json,
 * $defs/<kind>, embedded in the page), `values` the front matter as the file would hold it.
 * Each problem is the one `handbook check` would report: `field` named as the build names
 * it (publication.basis, perspectives[0].source), `message`, `expected` and `suggestion`
 * worded as hooks/handbook/content/fields.py (FieldReader) and readers.py word them.
 *
 * The schema gives the structure and the rules (properties, required, enum, pattern,
 * limits, the allOf if/then rules); each field's `x-reader` annotation says which
 * FieldReader method reads it (contributions/messages.py), so that the checks run in the
 * build's order and a failure gets that method's message (FieldReader's wording is ported
 * below); `x-check` names a reader's own check of a field, and `x-messages` (on that field
 * or on a rule) and `x-retired` carry the readers' own messages, taken from the readers
 * when the schema is made. A field without annotations is read by the method its schema
 * implies. Template placeholders ("TODO: ...") are reported as handbook check reports
 * them, and references to items that do not exist when the page passes the ids it knows
 * (`known`). What only the whole site can tell (unique ids, a term listing itself, a
 * point's nation, a body's Markdown) is left to the build.
 * tests/browser/test_suggest_validation_parity.py holds this file to the build's messages.
 *
 * Nothing here runs on load: the page's controller (hb-suggest.js) calls validate().
 */
(function () {
  "use strict";

  var hb = (window.hbSuggest = window.hbSuggest || {});
  var MISSING = {};
  // FieldReader's messages (handbook/content/fields.py).
  var PLAIN_TEXT = "plain text";
  var PRINTABLE = "plain text: letters, digits, punctuation, spaces and line breaks";
  var CONTROL_CHARACTER = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;
  var PARTIAL_DATE = /^\d{4}(?:-\d{2})?\n?$/;
  var ITEM_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  /* The readers' own messages (readers.py) are not copied here: contributions/messages.py
   * takes them from the readers and puts them in the schema (`x-messages`, on a refined
   * field or on a rule), "{value}" standing for the value. said() fills one in. */
  function said(messages, key, value) {
    var found = (messages || {})[key];
    if (!found) return null;
    function filled(text) {
      return text === null || text === undefined ? null : text.split("{value}").join(value === undefined ? "" : value);
    }
    return { message: filled(found.message), expected: filled(found.expected) };
  }

  // The keys of a set of messages that start with `prefix`, without it: "present:UK-wide" -> "UK-wide".
  function keysAfter(messages, prefix) {
    return Object.keys(messages || {}).filter(function (key) {
      return key.indexOf(prefix) === 0;
    }).map(function (key) {
      return key.slice(prefix.length);
    });
  }

  // -- Python's view of values: str(), repr(), whitespace ------------------------------------
  var PY_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005" +
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
  var SPACE_CLASS = "[" + PY_SPACE.replace(/[\s\S]/g, function (c) {
    return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
  }) + "]";
  var STRIP = new RegExp("^" + SPACE_CLASS + "+|" + SPACE_CLASS + "+$", "g");
  var WORDS = new RegExp(SPACE_CLASS + "+");

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function strip(text) {
    return text.replace(STRIP, "");
  }

  function words(text) {
    var stripped = strip(text);
    return stripped ? stripped.split(WORDS).length : 0;
  }

  function pyNumber(value) {
    if (Number.isInteger(value)) return String(value);
    if (value !== value) return "nan";
    if (!isFinite(value)) return value > 0 ? "inf" : "-inf";
    // repr(float): the shortest digits, written plainly for exponents from -4 to 15.
    var parts = value.toExponential().split("e");
    var exponent = parseInt(parts[1], 10);
    if (exponent < -4 || exponent >= 16) {
      return parts[0] + "e" + (exponent < 0 ? "-" : "+") + ("0" + Math.abs(exponent)).slice(-Math.max(2, String(Math.abs(exponent)).length));
    }
    var fixed = String(value);
    return fixed.indexOf(".") < 0 && fixed.indexOf("e") < 0 ? fixed + ".0" : fixed;
  }

  function pyRepr(value) {
    if (typeof value === "string") {
      var quote = value.indexOf("'") >= 0 && value.indexOf('"') < 0 ? '"' : "'";
      var body = "";
      Array.from(value).forEach(function (c) {
        if (c === "\\") body += "\\\\";
        else if (c === quote) body += "\\" + c;
        else if (c === "\n") body += "\\n";
        else if (c === "\r") body += "\\r";
        else if (c === "\t") body += "\\t";
        else if (!isPrintable(c)) body += escaped(c);
        else body += c;
      });
      return quote + body + quote;
    }
    if (Array.isArray(value)) return "[" + value.map(pyRepr).join(", ") + "]";
    if (isObject(value)) {
      return "{" + Object.keys(value).map(function (key) {
        return pyRepr(key) + ": " + pyRepr(value[key]);
      }).join(", ") + "}";
    }
    return pyStr(value);
  }

  function pyStr(value) {
    if (typeof value === "string") return value;
    if (value === true) return "True";
    if (value === false) return "False";
    if (value === null || value === undefined) return "None";
    if (typeof value === "number") return pyNumber(value);
    return pyRepr(value);
  }

  function describe(value) {
    if (isObject(value)) return "set of fields";
    if (Array.isArray(value)) return "list";
    if (typeof value === "boolean") return "true/false value";
    if (value === null || value === undefined) return "empty value";
    if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
    return "str";
  }

  var NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

  function isPrintable(c) {
    return c === " " || !NOT_PRINTABLE.test(c);
  }

  function escaped(c) {
    var code = c.codePointAt(0);
    var hex = code.toString(16);
    if (code < 0x100) return "\\x" + ("0" + hex).slice(-2);
    if (code < 0x10000) return "\\u" + ("000" + hex).slice(-4);
    return "\\U" + ("0000000" + hex).slice(-8);
  }

  // -- character references, read as fields.decoded_references reads them ------------------------
  var CHARACTER_REFERENCE = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;
  // html.unescape's table for numbers that HTML reads as something else (Windows-1252 mostly).
  var INVALID_CHARREFS = {
    0: "\ufffd", 13: "\r", 128: "\u20ac", 129: "\x81", 130: "\u201a", 131: "\u0192", 132: "\u201e",
    133: "\u2026", 134: "\u2020", 135: "\u2021", 136: "\u02c6", 137: "\u2030", 138: "\u0160", 139: "\u2039",
    140: "\u0152", 141: "\x8d", 142: "\u017d", 143: "\x8f", 144: "\x90", 145: "\u2018", 146: "\u2019",
    147: "\u201c", 148: "\u201d", 149: "\u2022", 150: "\u2013", 151: "\u2014", 152: "\u02dc", 153: "\u2122",
    154: "\u0161", 155: "\u203a", 156: "\u0153", 157: "\x9d", 158: "\u017e", 159: "\u0178",
  };
  var decoder = null;

  function invalidCodepoint(n) {
    return (n >= 0x1 && n <= 0x8) || n === 0xb || (n >= 0xe && n <= 0x1f) || (n >= 0x7f && n <= 0x9f) ||
      (n >= 0xfdd0 && n <= 0xfdef) || (n & 0xfffe) === 0xfffe;
  }

  function numericReference(reference) {
    var hex = reference[2] === "x" || reference[2] === "X";
    var n = parseInt(reference.slice(hex ? 3 : 2, -1), hex ? 16 : 10);
    if (Object.prototype.hasOwnProperty.call(INVALID_CHARREFS, n)) return INVALID_CHARREFS[n];
    if ((n >= 0xd800 && n <= 0xdfff) || n > 0x10ffff) return "\ufffd";
    if (invalidCodepoint(n)) return "";
    return String.fromCodePoint(n);
  }

  function htmlDecoded(text) {
    // The browser's own HTML reading (html.unescape follows the same standard).
    decoder = decoder || document.createElement("textarea");
    decoder.innerHTML = text.replace(/</g, "&lt;");
    return decoder.value;
  }

  function decodedReferences(text) {
    if (text.indexOf("&") < 0) return text;
    return text.replace(CHARACTER_REFERENCE, function (reference) {
      if (reference[1] === "#") return numericReference(reference) || reference;
      var decoded = htmlDecoded(reference);
      // A name read only in part ("&notit;" as "¬it;") is no reference in Python's table.
      return decoded !== reference && Array.from(decoded).length <= 2 ? decoded : reference;
    });
  }

  // -- safety.urls: the scheme a browser would see --------------------------------------------
  function schemeOf(url) {
    if (url.indexOf(":") < 0 && url.indexOf("&") < 0) return null;
    var decoded = url;
    for (var i = 0; i < 3; i++) {
      var unescaped = decoded.indexOf("&") < 0 ? decoded : htmlDecoded(decoded);
      if (unescaped === decoded) break;
      decoded = unescaped;
    }
    var match = /^([A-Za-z][A-Za-z0-9+.\-]*):/.exec(decoded.replace(/[\x00-\x20\x7f\\]+/g, ""));
    return match ? match[1].toLowerCase() : null;
  }

  function refusal(url) {
    var scheme = schemeOf(url);
    var expected = "an http or https address";
    if (scheme === null) return { reason: "is not a full address", expected: expected + ", such as https://example.org/report" };
    if (scheme !== "http" && scheme !== "https") return { reason: "uses the scheme '" + scheme + "'", expected: expected };
    return null;
  }

  function shownUrl(url) {
    var text = Array.from(url).map(function (c) {
      var code = c.codePointAt(0);
      return code < 0x20 || code === 0x7f ? "\\x" + ("0" + code.toString(16)).slice(-2) : c;
    });
    return text.length <= 80 ? text.join("") : text.slice(0, 79).join("") + "\u2026";
  }

  function shownHandle(value) {
    // handles.shown without its quotes (the message has them): invisible characters made visible.
    return Array.from(value).map(function (c) {
      return isPrintable(c) ? c : pyRepr(c).slice(1, -1);
    }).join("");
  }

  // placeholders._VALUE: "TODO", "TODO: the town", "TODO, Author".
  var PLACEHOLDER = new RegExp("^" + SPACE_CLASS + "*TODO(?:" + SPACE_CLASS + "*[:,]|" + SPACE_CLASS + "*\\n?$)");

  function isPlaceholder(value) {
    return typeof value === "string" && PLACEHOLDER.test(value);
  }

  // -- problems.did_you_mean: difflib.get_close_matches(value, candidates, n=1, cutoff=0.6) -------
  function matchingCharacters(a, b) {
    // SequenceMatcher(None, a, b).get_matching_blocks(), summed; b's popular elements
    // (more than 1% of a b of 200 or more) are junk, as difflib's autojunk makes them.
    var b2j = new Map();
    b.forEach(function (element, j) {
      if (!b2j.has(element)) b2j.set(element, []);
      b2j.get(element).push(j);
    });
    if (b.length >= 200) {
      var most = Math.floor(b.length / 100) + 1;
      Array.from(b2j.keys()).forEach(function (element) {
        if (b2j.get(element).length > most) b2j.delete(element);
      });
    }
    function longest(alo, ahi, blo, bhi) {
      var besti = alo, bestj = blo, bestsize = 0, j2len = new Map();
      for (var i = alo; i < ahi; i++) {
        var newj2len = new Map();
        var js = b2j.get(a[i]) || [];
        for (var n = 0; n < js.length; n++) {
          var j = js[n];
          if (j < blo) continue;
          if (j >= bhi) break;
          var k = (j2len.get(j - 1) || 0) + 1;
          newj2len.set(j, k);
          if (k > bestsize) {
            besti = i - k + 1;
            bestj = j - k + 1;
            bestsize = k;
          }
        }
        j2len = newj2len;
      }
      while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
        besti--;
        bestj--;
        bestsize++;
      }
      while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
      return [besti, bestj, bestsize];
    }
    var total = 0;
    var queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      var q = queue.pop();
      var m = longest(q[0], q[1], q[2], q[3]);
      if (m[2]) {
        total += m[2];
        if (q[0] < m[0] && q[2] < m[1]) queue.push([q[0], m[0], q[2], m[1]]);
        if (m[0] + m[2] < q[1] && m[1] + m[2] < q[3]) queue.push([m[0] + m[2], q[1], m[1] + m[2], q[3]]);
      }
    }
    return total;
  }

  function ratio(matches, length) {
    return length ? (2.0 * matches) / length : 1.0;
  }

  function quickMatches(a, b) {
    var counts = new Map();
    b.forEach(function (element) {
      counts.set(element, (counts.get(element) || 0) + 1);
    });
    var matches = 0;
    a.forEach(function (element) {
      var left = counts.get(element) || 0;
      counts.set(element, left - 1);
      if (left > 0) matches++;
    });
    return matches;
  }

  function codePointOrder(x, y) {
    var a = Array.from(x), b = Array.from(y);
    for (var i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] !== b[i]) return a[i].codePointAt(0) - b[i].codePointAt(0);
    }
    return a.length - b.length;
  }

  function closeMatch(word, candidates) {
    var b = Array.from(word);
    var best = null;
    candidates.forEach(function (candidate) {
      var a = Array.from(candidate);
      var length = a.length + b.length;
      if (ratio(Math.min(a.length, b.length), length) < 0.6) return;
      if (ratio(quickMatches(a, b), length) < 0.6) return;
      var score = ratio(matchingCharacters(a, b), length);
      if (score < 0.6) return;
      // heapq.nlargest(1, (score, candidate)): ties go to the larger candidate.
      if (!best || score > best.score || (score === best.score && codePointOrder(candidate, best.candidate) > 0)) {
        best = { score: score, candidate: candidate };
      }
    });
    return best && best.candidate;
  }

  function didYouMean(value, candidates) {
    if (typeof value !== "string") return null;
    var match = closeMatch(value, candidates);
    if (match === null) {
      var lowered = {};
      candidates.forEach(function (candidate) {
        lowered[candidate.toLowerCase()] = candidate;
      });
      if (Object.prototype.hasOwnProperty.call(lowered, value.toLowerCase())) match = lowered[value.toLowerCase()];
    }
    return match === null ? null : "'" + match + "'";
  }

  function oneOf(values, limit) {
    limit = limit || 8;
    var more = values.length > limit ? ", ... (" + values.length + " in all)" : "";
    return "one of " + values.slice(0, limit).join(", ") + more;
  }

  // -- the JSON Schema keywords the content schema uses, for its rules' conditions -------------
  function typeOf(value) {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value;
  }

  function sameValue(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function matches(schema, value, root) {
    schema = resolved(schema, root);
    if (schema === true || schema === undefined) return true;
    if (schema === false) return false;
    var type = typeOf(value);
    if (schema.type) {
      var types = [].concat(schema.type);
      if (types.indexOf(type) < 0 && !(type === "integer" && types.indexOf("number") >= 0)) return false;
    }
    if ("const" in schema && !sameValue(schema.const, value)) return false;
    if (schema.enum && !schema.enum.some(function (option) { return sameValue(option, value); })) return false;
    if (type === "string") {
      if (schema.minLength !== undefined && Array.from(value).length < schema.minLength) return false;
      if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) return false;
      if (schema.format === "date" && !isoDate(value, false)) return false;
    }
    if (type === "integer" || type === "number") {
      if (schema.minimum !== undefined && value < schema.minimum) return false;
      if (schema.maximum !== undefined && value > schema.maximum) return false;
    }
    if (type === "array") {
      if (schema.minItems !== undefined && value.length < schema.minItems) return false;
      if (schema.items && !value.every(function (entry) { return matches(schema.items, entry, root); })) return false;
      if (schema.contains && !value.some(function (entry) { return matches(schema.contains, entry, root); })) return false;
      if (schema.uniqueItems && new Set(value.map(function (entry) { return JSON.stringify(entry); })).size < value.length) return false;
    }
    if (type === "object") {
      var required = schema.required || [];
      for (var r = 0; r < required.length; r++) if (!(required[r] in value)) return false;
      var properties = schema.properties || {};
      for (var name in value) {
        if (name in properties) {
          if (!matches(properties[name], value[name], root)) return false;
        } else if (schema.additionalProperties === false) return false;
      }
    }
    if (schema.allOf && !schema.allOf.every(function (sub) { return matches(sub, value, root); })) return false;
    if (schema.anyOf && !schema.anyOf.some(function (sub) { return matches(sub, value, root); })) return false;
    if (schema.not && matches(schema.not, value, root)) return false;
    if (schema.if) {
      var branch = matches(schema.if, value, root) ? schema.then : schema.else;
      if (branch !== undefined && !matches(branch, value, root)) return false;
    }
    return true;
  }

  function resolved(schema, root) {
    var seen = 0;
    while (schema && typeof schema === "object" && typeof schema.$ref === "string" && seen++ < 32) {
      var target = root;
      schema.$ref.replace(/^#\/?/, "").split("/").filter(Boolean).forEach(function (part) {
        part = decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~");
        target = target && target[part];
      });
      if (target === undefined) return schema;
      schema = target;
    }
    return schema;
  }

  // -- dates: datetime.date.fromisoformat (Python 3.11) ------------------------------------------
  function daysIn(year, month) {
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
  }

  function isoWeeks(year) {
    var first = new Date(Date.UTC(year, 0, 1)).getUTCDay(); // 4 = Thursday
    var leap = daysIn(year, 2) === 29;
    return first === 4 || (leap && first === 3) ? 53 : 52;
  }

  function isoDate(text) {
    var found = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
    if (found && (text.length === 10 ? text[4] === "-" && text[7] === "-" : text.length === 8)) {
      var year = +found[1], month = +found[2], day = +found[3];
      return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
    }
    found = /^(\d{4})(-?)W(\d{2})(?:(-?)(\d))?$/.exec(text);
    if (found && (found[5] === undefined || found[2] === found[4])) {
      var weekYear = +found[1], week = +found[3], weekday = found[5] === undefined ? 1 : +found[5];
      return weekYear >= 1 && week >= 1 && week <= isoWeeks(weekYear) && weekday >= 1 && weekday <= 7;
    }
    return false;
  }

  // -- reading, as FieldReader reads ---------------------------------------------------------
  function fieldName(path) {
    var out = "";
    path.forEach(function (part) {
      out += typeof part === "number" ? "[" + part + "]" : out ? "." + part : String(part);
    });
    return out;
  }

  function Reader(context, data, path) {
    this.context = context;
    this.data = data;
    this.path = path;
    this.known = [];
  }

  Reader.prototype.problem = function (name, message, expected, suggestion) {
    this.context.problems.push({
      field: fieldName(this.path.concat([name])),
      message: message,
      expected: expected === undefined ? null : expected,
      suggestion: suggestion === undefined ? null : suggestion,
    });
  };

  Reader.prototype.has = function (name) {
    return Object.prototype.hasOwnProperty.call(this.data, name);
  };

  Reader.prototype.get = function (name, required) {
    this.known.push(name);
    var value = this.has(name) ? this.data[name] : MISSING;
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) value = MISSING;
    if (value === MISSING && required) this.problem(name, "is required but missing");
    return value;
  };

  // A message of the readers' own (x-messages), when the schema carries it.
  Reader.prototype.say = function (name, messages, key, value, suggestion) {
    var found = said(messages, key, value);
    if (found) this.problem(name, found.message, found.expected, suggestion);
  };

  Reader.prototype.sub = function (name, data) {
    return new Reader(this.context, data, this.path.concat([name]));
  };

  Reader.prototype.printable = function (name, text) {
    var found = CONTROL_CHARACTER.exec(text);
    if (found) {
      var code = ("000" + found[0].charCodeAt(0).toString(16).toUpperCase()).slice(-4);
      this.problem(name, "contains the control character U+" + code, PRINTABLE);
    }
    return !found;
  };

  Reader.prototype.text = function (name, required, maxWords) {
    var value = this.get(name, required);
    if (value === MISSING) return null;
    if (typeof value === "object" || typeof value === "boolean") {
      this.problem(name, "is a " + describe(value), PLAIN_TEXT);
      return null;
    }
    var text = strip(decodedReferences(pyStr(value)));
    if (!this.printable(name, text)) return null;
    if (maxWords && words(text) > maxWords) {
      this.problem(name, "has " + words(text) + " words", "at most " + maxWords + " words");
    }
    return text;
  };

  function outOfRange(value, schema) {
    var low = schema.minimum, high = schema.maximum;
    if ((low !== undefined && value < low) || (high !== undefined && value > high)) {
      return [pyNumber(value) + " is out of range", "a number from " + pyStr(low) + " to " + pyStr(high)];
    }
    return null;
  }

  Reader.prototype.integer = function (name, required, schema) {
    var value = this.get(name, required);
    if (value === MISSING) return null;
    if (typeof value !== "number" || !Number.isInteger(value)) {
      this.problem(name, "'" + pyStr(value) + "' is not a whole number", "a whole number");
      return null;
    }
    var range = outOfRange(value, schema);
    if (range) {
      this.problem(name, range[0], range[1]);
      return null;
    }
    return value;
  };

  var PYTHON_FLOAT = new RegExp(
    "^" + SPACE_CLASS + "*[+-]?(?:(?:\\d(?:_?\\d)*(?:\\.(?:\\d(?:_?\\d)*)?)?|\\.\\d(?:_?\\d)*)(?:[eE][+-]?\\d(?:_?\\d)*)?" +
      "|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?|[nN][aA][nN])" + SPACE_CLASS + "*$"
  );

  Reader.prototype.number = function (name, required, schema) {
    var value = this.get(name, required);
    if (value === MISSING) return null;
    if (typeof value === "string") {
      var expected = PYTHON_FLOAT.test(value)
        ? "a number written without quotes, e.g. 51.62"
        : "a number in digits, with a decimal point if needed, e.g. 51.62";
      this.problem(name, "'" + value + "' is text, not a number", expected);
      return null;
    }
    if (typeof value !== "number") {
      this.problem(name, "is a " + describe(value), "a number, e.g. 51.62");
      return null;
    }
    var range = outOfRange(value, schema);
    if (range) {
      this.problem(name, range[0], range[1]);
      return null;
    }
    return value;
  };

  Reader.prototype.boolean = function (name, required) {
    var value = this.get(name, required);
    if (value === MISSING) return null;
    if (typeof value !== "boolean") {
      this.problem(name, "'" + pyStr(value) + "' is not true or false", "true or false");
      return null;
    }
    return value;
  };

  Reader.prototype.url = function (name, required) {
    var value = this.text(name, required);
    if (value === null) return null;
    var refused = refusal(value);
    if (refused) {
      this.problem(name, "'" + shownUrl(strip(pyStr(this.data[name]))) + "' " + refused.reason, refused.expected);
      return null;
    }
    return value;
  };

  Reader.prototype.date = function (name, required, partial) {
    var value = this.get(name, required);
    if (value === MISSING) return null;
    if (partial && typeof value !== "object" && PARTIAL_DATE.test(pyStr(value))) return pyStr(value);
    if (typeof value === "string" && isoDate(value)) return value;
    var expected = "an ISO date such as 2024-07-12" +
      (partial ? ', or "2024" / "2024-07" when only the year or month is known' : "");
    this.problem(name, "'" + pyStr(value) + "' is not a valid date", expected);
    return null;
  };

  Reader.prototype.checkChoice = function (name, value, schema, vocabulary) {
    if (!schema.enum) return pyStr(value); // an unreadable vocabulary: reported once, by the build
    if (schema.enum.indexOf(pyStr(value)) < 0) {
      this.problem(name, "'" + pyStr(value) + "' is not in the " + vocabulary + " vocabulary", oneOf(schema.enum),
        didYouMean(pyStr(value), schema.enum));
      return null;
    }
    return pyStr(value);
  };

  Reader.prototype.choice = function (name, required, schema, vocabulary) {
    var value = this.get(name, required);
    if (value === MISSING) return null;
    return this.checkChoice(name, value, schema, vocabulary);
  };

  Reader.prototype.validId = function (value, pattern) {
    return new RegExp(pattern || ITEM_ID.source).test(value.replace(/\n$/, ""));
  };

  Reader.prototype.reference = function (name, required, schema, kind, rule) {
    var value = this.get(name, required);
    if (value === MISSING) return null;
    if (typeof value !== "string") {
      this.problem(name, "is a " + describe(value), "the id of a " + kind);
      return null;
    }
    if (!this.validId(value, schema.pattern)) {
      this.problem(name, "'" + value + "' is not a valid id", "the id of a " + kind + ": " + rule);
      return null;
    }
    this.refer(kind, value, name);
    return value;
  };

  Reader.prototype.refer = function (kind, id, name) {
    this.context.references.push({ kind: kind, id: id, field: fieldName(this.path.concat([name])) });
  };

  Reader.prototype.list = function (name, required) {
    var value = this.get(name, required);
    if (value === MISSING) return null;
    if (typeof value === "string") {
      this.problem(name, "is a single value", "a list, e.g. [" + value + "]");
      return null;
    }
    if (!Array.isArray(value)) {
      this.problem(name, "is a " + describe(value), "a list");
      return null;
    }
    return value;
  };

  Reader.prototype.noRepeats = function (name, values) {
    var seen = new Set();
    var each = this.sub(name, {});
    values.forEach(function (value, index) {
      var key = pyStr(value);
      if (seen.has(key)) each.problem(index, "'" + key + "' is listed twice", "each value once");
      seen.add(key);
    });
  };

  Reader.prototype.texts = function (name, required) {
    var values = this.list(name, required) || [];
    var each = this.sub(name, {});
    var out = [];
    values.forEach(function (value, index) {
      if (value === null || typeof value === "object") {
        each.problem(index, "is a " + describe(value), PLAIN_TEXT);
        return;
      }
      var text = decodedReferences(pyStr(value));
      if (each.printable(index, text)) out.push(strip(text));
    });
    return out;
  };

  Reader.prototype.choices = function (name, required, schema, vocabulary) {
    var values = this.list(name, required) || [];
    var each = this.sub(name, {});
    var items = resolved(schema.items || {}, this.context.root);
    var out = [];
    values.forEach(function (value, index) {
      var read = each.checkChoice(index, value, items, vocabulary);
      if (read !== null) out.push(read);
    });
    this.noRepeats(name, values);
    return out;
  };

  Reader.prototype.referencesTo = function (name, required, schema, kind, rule) {
    var values = this.list(name, required) || [];
    var each = this.sub(name, {});
    var items = resolved(schema.items || {}, this.context.root);
    var out = [];
    values.forEach(function (value, index) {
      if (typeof value !== "string") {
        each.problem(index, "is a " + describe(value), "the id of a " + kind);
      } else if (!each.validId(value, items.pattern)) {
        each.problem(index, "'" + value + "' is not a valid id", "the id of a " + kind + ": " + rule);
      } else {
        each.refer(kind, value, index);
        out.push(value);
      }
    });
    this.noRepeats(name, values);
    return out;
  };

  Reader.prototype.mapping = function (name, required, schema) {
    var value = this.get(name, required);
    if (value === MISSING) return null;
    if (!isObject(value)) {
      this.problem(name, "is a " + describe(value), "a set of fields (indented 'key: value' lines)");
      return null;
    }
    return readObject(this.context, schema, value, this.path.concat([name]));
  };

  Reader.prototype.mappings = function (name, required, schema) {
    var values = this.list(name, required) || [];
    var items = resolved(schema.items || {}, this.context.root);
    var self = this;
    var out = values.map(function (value, index) {
      var path = self.path.concat([name, index]);
      if (!isObject(value)) {
        self.context.problems.push({
          field: fieldName(path), message: "is a " + describe(value), expected: "a set of fields ('- key: value')",
          suggestion: null,
        });
        return null;
      }
      return readObject(self.context, items, value, path);
    });
    if (ruleNamed(items, "named place")) noRepeatedPlaces(this, name, values, items);
    return out;
  };

  // -- the reader's own checks of a field (schema.REFINEMENTS, x-check) -------------------------
  // readers._web_address: a full http(s) address, written so.
  Reader.prototype.webAddress = function (name, messages) {
    var value = this.text(name);
    if (value === null || isPlaceholder(value)) return null;
    if (!/^https?:\/\//.test(value)) {
      this.say(name, messages, "refused", value);
      return null;
    }
    return this.url(name);
  };

  // readers._item_source: a web address, or kind:id naming an item of a kind a source may be.
  Reader.prototype.itemSource = function (name, messages) {
    var value = this.text(name);
    if (value === null || isPlaceholder(value)) return null;
    if (/^https?:\/\//.test(value)) return this.url(name);
    var found = /^([a-z]+):(.+)\n?$/.exec(value);
    if (found === null || keysAfter(messages, "invalid-id:").indexOf(found[1]) < 0) {
      this.say(name, messages, "refused", value);
      return null;
    }
    if (!this.validId(found[2])) {
      this.say(name, messages, "invalid-id:" + found[1], found[2]);
      return null;
    }
    this.refer(found[1], found[2], name);
    return value;
  };

  // readers._editors: each editor a GitHub handle (they go into CODEOWNERS).
  Reader.prototype.handles = function (name, items) {
    var values = this.data[name];
    var each = this.sub(name, {});
    (Array.isArray(values) ? values : []).forEach(function (value, index) {
      if (value === null || typeof value === "object") return;
      var handle = strip(pyStr(value));
      if (!new RegExp(items.pattern).test(handle)) each.say(index, items["x-messages"], "refused", shownHandle(handle));
    });
  };

  // -- one field, read by its method --------------------------------------------------------
  function methodOf(schema) {
    var reader = schema["x-reader"];
    if (reader) return reader;
    // No annotation (a form's own definition): the method the schema implies.
    var items = schema.items || {};
    if (schema.anyOf) return { method: "date", partial: true };
    if (schema.type === "array") {
      if (items.type === "object") return { method: "mappings" };
      if (items.enum) return { method: "choices", vocabulary: "" };
      return { method: "texts" };
    }
    if (schema.type === "object") return { method: "mapping" };
    if (schema.enum) return { method: "choice", vocabulary: "" };
    if (schema.format === "date") return { method: "date", partial: false };
    if (schema.format === "uri") return { method: "url" };
    if (schema.type === "integer") return { method: "integer" };
    if (schema.type === "number") return { method: "number" };
    if (schema.type === "boolean") return { method: "boolean" };
    if (schema.type === "string") return { method: "text" };
    return { method: "allow" };
  }

  function readField(reader, name, schema, required) {
    var info = methodOf(schema);
    var check = schema["x-check"];
    var messages = schema["x-messages"];
    if (check === "web-address") return reader.webAddress(name, messages);
    if (check === "item-source") return reader.itemSource(name, messages);
    switch (info.method) {
      case "text":
        var text = reader.text(name, required, info.max_words);
        if (check === "bare-doi" && text) {
          // readers.read_evidence: no "https://doi.org/", "doi.org/" or "doi:" before the DOI.
          var bare = ((schema.allOf || [])[0] || {}).pattern;
          if (bare && !new RegExp(bare).test(text)) {
            reader.say(name, messages, "refused", text);
            return null;
          }
        }
        if (check === "strength" && text && (schema.enum || []).indexOf(text) < 0) reader.say(name, messages, "refused", text);
        return text;
      case "integer":
        return reader.integer(name, required, schema);
      case "number":
        return reader.number(name, required, schema);
      case "boolean":
        return reader.boolean(name, required);
      case "url":
        return reader.url(name, required);
      case "date":
        return reader.date(name, required, info.partial);
      case "choice":
        return reader.choice(name, required, schema, info.vocabulary);
      case "choices":
        return reader.choices(name, required, schema, info.vocabulary);
      case "reference":
        return reader.reference(name, required, schema, info.kind, info.rule);
      case "references_to":
        return reader.referencesTo(name, required, schema, info.kind, info.rule);
      case "texts":
        var texts = reader.texts(name, required);
        var items = resolved(schema.items || {}, reader.context.root);
        if (items["x-check"] === "handle") reader.handles(name, items);
        return texts;
      case "mapping":
        return reader.mapping(name, required, schema);
      case "mappings":
        return reader.mappings(name, required, schema);
      default:
        reader.known.push(name);
        return reader.has(name) ? reader.data[name] : null;
    }
  }

  function ruleNamed(schema, title) {
    return (schema.allOf || []).filter(function (rule) {
      return rule.title === title;
    })[0];
  }

  // -- a set of fields: each field in the reader's order, its rules, then unknown fields -------------
  function readObject(context, schema, data, path) {
    schema = resolved(schema, context.root);
    var reader = new Reader(context, data, path);
    var read = {};
    var retired = schema["x-retired"] || {};
    Object.keys(retired).forEach(function (name) {
      if (reader.has(name)) {
        reader.known.push(name);
        reader.problem(name, retired[name].message, retired[name].expected);
      }
    });
    var properties = schema.properties || {};
    var required = schema.required || [];
    var place = ruleNamed(schema, "named place") && ruleNamed(schema, "place without a point");
    var names = schema["x-fields"] || Object.keys(properties); // the reader's order, kept in x-fields
    for (var i = 0; i < names.length; i++) {
      var name = names[i];
      read[name] = readField(reader, name, resolved(properties[name], context.root), required.indexOf(name) >= 0);
      if (place && name === "name") {
        read.special = readPlace(reader, schema, read.name, names.slice(i + 1));
        break;
      }
    }
    applyRules(reader, schema, data, read);
    finish(reader);
    return read;
  }

  function finish(reader) {
    var known = reader.known;
    var unique = known.filter(function (name, index) {
      return known.indexOf(name) === index;
    });
    Object.keys(reader.data).forEach(function (key) {
      if (known.indexOf(key) < 0) reader.problem(key, "is not a known field", oneOf(unique, 12), didYouMean(key, known));
    });
  }

  // readers._places' place: a named place, or one that is no point (UK-wide, online).
  function readPlace(reader, schema, name, rest) {
    if (name === null) {
      rest.forEach(function (field) {
        reader.known.push(field); // allowed: the missing name is the problem
      });
      return null;
    }
    var named = (ruleNamed(schema, "named place") || {})["x-messages"];
    var noPoint = ruleNamed(schema, "place without a point") || {};
    var specials = keysAfter(noPoint["x-messages"], "present:");
    var special = specials.filter(function (option) {
      return option.toLowerCase() === name.toLowerCase();
    })[0];
    if (special) {
      Object.keys((noPoint.then || {}).properties || {}).forEach(function (field) {
        if (reader.has(field)) {
          reader.known.push(field);
          reader.say(field, noPoint["x-messages"], "present:" + special);
        }
      });
      return special;
    }
    var properties = schema.properties || {};
    rest.forEach(function (field) {
      readField(reader, field, resolved(properties[field], reader.context.root), false);
    });
    var missing = ["lat", "lon"].filter(function (field) {
      return absent(reader.data, field);
    });
    if (missing.length) reader.say(missing[0], named, "missing:" + missing.join(" and "), "", didYouMean(name, specials));
    if (absent(reader.data, "source")) reader.say("source", named, "missing:source");
    return null;
  }

  // readers._no_repeated_places: the same place twice, whatever its case.
  function noRepeatedPlaces(reader, name, values, items) {
    var messages = (ruleNamed(items, "named place") || {})["x-messages"];
    var specials = keysAfter((ruleNamed(items, "place without a point") || {})["x-messages"], "present:");
    var seen = new Set();
    values.forEach(function (value, index) {
      var place = isObject(value) ? value.name : null;
      if (typeof place !== "string" || !strip(place)) return;
      var written = strip(place);
      var special = specials.filter(function (option) {
        return option.toLowerCase() === written.toLowerCase();
      })[0];
      var key = (special || written).toLowerCase();
      if (seen.has(key)) reader.sub(name, {}).sub(index, {}).say("name", messages, "repeated", written);
      seen.add(key);
    });
  }

  // -- the value-dependent rules (schema.CONDITIONAL_RULES), decided on the values as read ----------
  function absent(data, name) {
    return data[name] === undefined || data[name] === null || data[name] === "";
  }

  function applyRules(reader, schema, data, read) {
    var root = reader.context.root;
    (schema.allOf || []).forEach(function (rule) {
      var messages = rule["x-messages"];
      var condition = rule.if || {};
      var then = rule.then || {};
      var basis = (((condition.properties || {}).basis || {}).const);
      if (basis !== undefined) {
        // readers._required / _not_for: what an entry of this basis needs, and may not have.
        if (read.basis !== basis) return;
        (then.required || []).forEach(function (name) {
          if (absent(data, name)) reader.say(name, messages, "missing:" + name);
        });
        Object.keys(then.properties || {}).forEach(function (name) {
          var refused = then.properties[name].not;
          if (refused && !Object.keys(refused).length && reader.has(name)) reader.say(name, messages, "present:" + name);
        });
        if (messages && messages["form:record"]) checkRecord(reader, read.record, (schema.properties || {}).record, messages);
      } else if (rule.title === "what_we_do only when self-listed") {
        if (read.what_we_do && matches(condition, data, root)) reader.say("what_we_do", messages, "refused");
      } else if (rule.title === "UK-wide needs uk-wide in nations") {
        var nation = ((((condition.properties || {}).nations || {}).not || {}).contains || {}).const;
        var uk = ((((((then.properties || {}).places || {}).items || {}).properties || {}).name || {}).not || {}).pattern;
        var nations = read.nations || [];
        (read.places || []).forEach(function (place, index) {
          if (place && place.special && uk && new RegExp(uk).test(place.special) && nations.length && nations.indexOf(nation) < 0) {
            reader.sub("places", {}).sub(index, {}).say("name", messages, "refused");
          }
        });
      } else if (rule.title === "a convening in a place has a town") {
        if (read.format && !(read.location && read.location.town)) reader.say("location", messages, "refused:" + read.format);
      } else if (rule.title === "a contested term says how") {
        if (read.contested === true && !read.contested_note) reader.say("contested", messages, "refused");
      } else if (rule.title !== "named place" && rule.title !== "place without a point" && rule.if && matches(rule.if, data, root)) {
        // A rule this file does not know yet: at least the fields it asks for.
        (then.required || []).forEach(function (name) {
          if (absent(data, name)) reader.problem(name, "is required but missing");
        });
      }
    });
  }

  // read_story's record of a contributed story: a web address, or a path in the repository.
  function checkRecord(reader, record, schema, messages) {
    if (!record || isPlaceholder(record) || !schema) return;
    if (/^https?:\/\//.test(record)) {
      reader.url("record");
      return;
    }
    var form = ((schema.allOf || [])[0] || {}).pattern;
    if (form && !new RegExp(form).test(record)) reader.say("record", messages, "form:record", record);
  }

  // -- what handbook check adds to the reader's findings ------------------------------------------
  // content/placeholders.py: a text value that is still a template's "TODO: ..." placeholder.
  function placeholders(context, value, path) {
    if (Array.isArray(value)) {
      value.forEach(function (entry, index) {
        placeholders(context, entry, path.concat([index]));
      });
    } else if (isObject(value)) {
      Object.keys(value).forEach(function (key) {
        placeholders(context, value[key], path.concat([key]));
      });
    } else if (isPlaceholder(value)) {
      var text = value.split(WORDS).filter(Boolean).join(" ");
      var shortened = Array.from(text).length <= 80 ? text : Array.from(text).slice(0, 77).join("") + "...";
      context.problems.push({
        field: fieldName(path), message: "is still a template placeholder ('" + shortened + "')",
        expected: "your own words in place of the template's TODO placeholder", suggestion: null,
      });
    }
  }

  // corpus._check_references: an id that names no item the page knows of (`known`: kind -> ids).
  function unknownReferences(context, known) {
    context.references.forEach(function (reference) {
      var ids = known[reference.kind];
      if (!Array.isArray(ids) || ids.indexOf(reference.id) >= 0) return; // a kind the page did not list: the build's
      context.problems.push({
        field: reference.field, message: (ids.length ? "no such " : "no ") + reference.kind + " '" + reference.id + "'",
        expected: "the id of an existing " + reference.kind + " (" + reference.kind + ":id)",
        suggestion: didYouMean(reference.id, ids),
      });
    });
  }

  /* validate(definition, values, schemaRoot, known): `schemaRoot` resolves "$ref"s; `known`
   * (optional) lists the ids of existing items by kind ({term: [...]}) so that a reference to
   * none of them is reported as the build reports it; a kind it does not list is left to the build. */
  function validate(definition, values, schemaRoot, known) {
    var context = { problems: [], root: schemaRoot || {}, references: [] };
    if (!isObject(values)) values = {};
    readObject(context, definition, values, []);
    placeholders(context, values, []);
    if (known) unknownReferences(context, known);
    return context.problems;
  }

  hb.validate = validate;
  hb.didYouMean = didYouMean; // the build's did_you_mean, for the page's own hints
})();
