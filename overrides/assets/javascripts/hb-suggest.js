/* Contribution forms (/contribute/suggest/): the controller.
 * The forms are HTML written at build time from the content schema; this script shows the
 * one asked for (?form=perspective&term=co-production, or #story), collects the answers
 * into the shape of the file's front matter, has them checked by window.hbSuggest.validate
 * (hb-suggest-validate.js) when a field is left or changed, and on submit shows the
 * problems in GOV.UK's pattern (a summary linking to each field, focus moved to it, a
 * message by each field) or the file (window.hbSuggest.fileFor, hb-suggest-file.js) and
 * the ways to send it (window.hbSuggest.destinations). Each part is guarded: without the
 * other scripts the page still works, checking only what is required. Nothing is fetched:
 * the definitions are embedded in the page. Does nothing on other pages. */
(function () {
  "use strict";
  var root = document.querySelector("[data-hb-suggest]");
  var embedded = document.getElementById("hb-suggest-schema");
  if (!root || !embedded) return;
  var data;
  try {
    data = JSON.parse(embedded.textContent);
  } catch (error) {
    return; // the page stays readable; the notice for readers without scripts stays shown
  }
  var hb = (window.hbSuggest = window.hbSuggest || {});
  // The words, in the page's language: a JSON block templates/generated/suggest.html writes
  // (%(name)s filled in here). The script holds no interface text of its own. The problems
  // found in the answers are the build's own messages to contributors, in English, as
  // `handbook check` gives them: on a page in another language they are marked lang="en".
  var STRINGS = {};
  try { STRINGS = JSON.parse(document.getElementById("hb-strings-suggest").textContent) || {}; } catch (error) { STRINGS = {}; }
  function t(key, params) {
    return String(STRINGS[key] || "").replace(/%\((\w+)\)s/g, function (whole, name) {
      return params && Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole;
    });
  }
  var PAGE_LANGUAGE = (document.documentElement.lang || "en").toLowerCase().split("-")[0];
  // English text (a problem's message) as a node: in a span marked lang="en" on a page in another language.
  function english(text) {
    if (PAGE_LANGUAGE === "en") return document.createTextNode(text);
    var span = document.createElement("span");
    span.lang = "en";
    span.textContent = text;
    return span;
  }
  var MISSING = "is required but missing";
  var sections = Array.prototype.slice.call(root.querySelectorAll("[data-hb-section]"));
  var forms = Array.prototype.slice.call(root.querySelectorAll("form[data-hb-suggest-form]"));
  var query = new URLSearchParams(window.location.search);

  root.setAttribute("data-hb-ready", "");
  Array.prototype.forEach.call(root.querySelectorAll("[data-hb-needs-script]"), function (element) {
    element.hidden = false;
  });

  // -- which form -------------------------------------------------------------------------
  function formId(name) {
    return sections.some(function (section) { return section.id === name; }) ? name : null;
  }

  // One form at a time once the script runs; none until one is chosen.
  function show(id) {
    sections.forEach(function (section) { section.hidden = section.id !== id; });
    Array.prototype.forEach.call(root.querySelectorAll("[data-hb-choose]"), function (link) {
      if (link.getAttribute("data-hb-choose") === id) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
  }

  root.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-hb-choose]");
    if (link) show(link.getAttribute("data-hb-choose")); // then the link moves to the form, now shown
  });
  window.addEventListener("hashchange", function () {
    var id = formId(window.location.hash.slice(1));
    if (id) show(id);
  });

  // -- answers -> values ----------------------------------------------------------------------
  // "perspectives[0].source.year" -> ["perspectives", 0, "source", "year"]
  function parts(name) {
    var out = [];
    name.split(".").forEach(function (part) {
      var match = /^([^\[]+)((\[\d+\])*)$/.exec(part);
      if (!match) { out.push(part); return; }
      out.push(match[1]);
      (match[2].match(/\d+/g) || []).forEach(function (index) { out.push(Number(index)); });
    });
    return out;
  }

  function put(values, name, value) {
    var path = parts(name);
    var at = values;
    for (var i = 0; i < path.length - 1; i++) {
      if (at[path[i]] === undefined) at[path[i]] = typeof path[i + 1] === "number" ? [] : {};
      at = at[path[i]];
    }
    at[path[path.length - 1]] = value;
  }

  // As YAML reads a number: a whole number, a decimal, or else the text (which the check refuses).
  function number(text, whole) {
    if (/^[-+]?\d+$/.test(text)) return parseInt(text, 10);
    if (!whole && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return parseFloat(text);
    return text;
  }

  function collect(form) {
    var values = {};
    var context = {};
    var body = "";
    var lists = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      var name = element.name;
      if (!name) return;
      var type = element.getAttribute("data-hb-type") || "string";
      if (element.type === "checkbox" && type === "list") {
        if (!lists[name]) lists[name] = [];
        if (element.checked) lists[name].push(element.value);
        return;
      }
      if (element.type === "checkbox") {
        if (element.checked) put(values, name, true);
        return;
      }
      var text = element.value.replace(/\r\n?/g, "\n").trim();
      if (element.hasAttribute("data-hb-context")) { context[name] = text; return; }
      if (name === "body") { body = text; return; }
      if (!text) return;
      if (type === "list") {
        var lines = text.split("\n").map(function (line) { return line.trim(); }).filter(Boolean);
        if (lines.length) put(values, name, lines);
      } else if (type === "integer" || type === "number") {
        put(values, name, number(text, type === "integer"));
      } else {
        put(values, name, text);
      }
    });
    Object.keys(lists).forEach(function (name) { if (lists[name].length) put(values, name, lists[name]); });
    return { values: values, context: contextFor(form, values, context), body: body };
  }

  // -- context: which term, which page, where to send -------------------------------------------
  // The glossary's terms, from the page's list of them (carried once, there): id -> {name, path}.
  var TERMS = {};
  Array.prototype.forEach.call(root.querySelectorAll("#perspective-terms option"), function (option) {
    TERMS[option.value] = {
      name: option.textContent.toLowerCase().replace(/\s+/g, " ").trim(),
      path: option.getAttribute("data-path") || "glossary/" + option.value + ".md"
    };
  });
  var TERM_IDS = Object.keys(TERMS);

  // The term a perspective is for: its id, its name, or its page's address. {id, path} or null.
  function findTerm(wanted) {
    var key = (wanted || "").toLowerCase().replace(/\s+/g, " ").trim();
    var address = key.split(/[?#]/)[0].split("/").filter(Boolean);
    var last = address.length ? address[address.length - 1] : "";
    var found = TERM_IDS.filter(function (id) {
      return id === key || TERMS[id].name === key || (address.length > 1 && id === last);
    })[0];
    return found ? { id: found, path: TERMS[found].path } : null;
  }

  var prefilledPage = null;

  function contextFor(form, values, context) {
    var id = form.getAttribute("data-hb-suggest-form");
    context.form = id;
    context.repoUrl = root.getAttribute("data-repo-url") || null;
    context.branch = root.getAttribute("data-branch") || "main";
    context.email = root.getAttribute("data-email") || null;
    if (id === "perspective") {
      var term = findTerm(context.term);
      context.term = term ? term.id : context.term || null;
      context.termPath = term ? term.path : null;
    }
    if (id === "correction") {
      var typed = values.page || "";
      context.address = typed || null;
      if (prefilledPage && typed === prefilledPage.shown) context.page = prefilledPage.path;
      else context.page = /\.md$/.test(typed) ? typed.replace(/^\/+/, "") : null;
    }
    return context;
  }

  // -- checking ---------------------------------------------------------------------------------
  function definitionOf(form) {
    return (data.$defs || {})[form.getAttribute("data-hb-definition")] || null;
  }

  function formInfo(form) {
    return (data.forms || {})[form.getAttribute("data-hb-suggest-form")] || {};
  }

  // Only what the form marks required, when the validator's script is missing.
  function requiredOnly(form) {
    var out = [];
    Array.prototype.forEach.call(form.querySelectorAll("[data-hb-field]"), function (wrapper) {
      var name = wrapper.getAttribute("data-hb-field");
      var inputs = wrapper.querySelectorAll("input, select, textarea");
      var required = wrapper.querySelector("[required]") || (wrapper.querySelector(".hb-suggest__required") !== null);
      if (!required) return;
      var answered = Array.prototype.some.call(inputs, function (input) {
        return input.type === "checkbox" ? input.checked : input.value.trim() !== "";
      });
      if (!answered) out.push({ field: name, message: MISSING });
    });
    return out;
  }

  function maintainers(form, field) {
    return (formInfo(form).maintainerFields || []).some(function (path) {
      return field === path || field.indexOf(path + ".") === 0 || field.indexOf(path + "[") === 0;
    });
  }

  function check(form, collected) {
    var found = [];
    var definition = definitionOf(form);
    if (typeof hb.validate === "function" && definition) {
      try {
        found = hb.validate(definition, collected.values, data, { term: TERM_IDS }) || [];
      } catch (error) {
        if (window.console) window.console.error(error);
        found = requiredOnly(form);
      }
    } else {
      found = requiredOnly(form);
    }
    found = found.filter(function (problem) {
      return problem && !maintainers(form, String(problem.field || ""));
    });
    // What the form asks besides the file's fields: the body where it is required, which term.
    var body = form.querySelector('[data-hb-field="body"] [required]');
    if (body && !collected.body && !has(found, "body")) found.push({ field: "body", message: MISSING });
    if (form.getAttribute("data-hb-suggest-form") === "perspective") {
      var term = collected.context.term;
      if (!term && !has(found, "term")) found.push({ field: "term", message: MISSING });
      else if (term && !collected.context.termPath) {
        found.push({
          field: "term",
          message: "'" + term + "' is not a term in the glossary",
          expected: "the name or id of an existing term (a new term has its own form)",
          suggestion: typeof hb.didYouMean === "function"
            ? hb.didYouMean(term.toLowerCase(), TERM_IDS) : null
        });
      }
    }
    return found;
  }

  function has(problems, field) {
    return problems.some(function (problem) { return problem.field === field; });
  }

  // The wrapper of the field a problem names: itself, or the nearest field above it
  // (a problem with "source" when only "source.title" is asked); null: the form as a whole.
  function wrapperFor(form, field) {
    var name = String(field || "");
    while (name) {
      var wrapper = form.querySelector('[data-hb-field="' + cssEscape(name) + '"]');
      if (wrapper) return wrapper;
      var cut = Math.max(name.lastIndexOf("."), name.lastIndexOf("["));
      name = cut > 0 ? name.slice(0, cut) : "";
    }
    var prefix = String(field || "");
    if (!prefix) return null;
    return form.querySelector('[data-hb-field^="' + cssEscape(prefix) + '."], [data-hb-field^="' + cssEscape(prefix) + '["]');
  }

  function cssEscape(text) {
    return window.CSS && window.CSS.escape ? window.CSS.escape(text) : text.replace(/["\\]/g, "\\$&");
  }

  // The build's words: "message (expected ...; did you mean ...?)".
  function wording(problem) {
    var extra = [];
    if (problem.expected) extra.push("expected " + problem.expected);
    if (problem.suggestion) extra.push("did you mean " + problem.suggestion + "?");
    return problem.message + (extra.length ? " (" + extra.join("; ") + ")" : "");
  }

  function labelOf(wrapper) {
    var label = wrapper && wrapper.querySelector(".hb-suggest__label");
    if (!label) return "";
    var copy = label.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".hb-suggest__required"), function (mark) { mark.remove(); });
    return copy.textContent.trim();
  }

  function focusTarget(wrapper) {
    return wrapper.querySelector("input, select, textarea");
  }

  function setError(wrapper, problems) {
    var message = wrapper.querySelector(".hb-suggest__error");
    var target = wrapper.querySelector("fieldset") || focusTarget(wrapper);
    if (!message || !target) return;
    var described = (target.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
      return id && id !== message.id;
    });
    wrapper.classList.toggle("hb-suggest__field--error", problems.length > 0);
    if (!problems.length) {
      message.hidden = true;
      message.textContent = "";
      Array.prototype.forEach.call(wrapper.querySelectorAll("[aria-invalid]"), function (input) {
        input.removeAttribute("aria-invalid");
      });
    } else {
      message.hidden = false;
      message.textContent = "";
      var hidden = document.createElement("span");
      hidden.className = "hb-visually-hidden";
      hidden.textContent = t("error") + " ";
      message.appendChild(hidden);
      message.appendChild(english(problems.map(wording).join(". ")));
      described.push(message.id);
      Array.prototype.forEach.call(wrapper.querySelectorAll("input, select, textarea"), function (input) {
        input.setAttribute("aria-invalid", "true");
      });
    }
    if (described.length) target.setAttribute("aria-describedby", described.join(" "));
    else target.removeAttribute("aria-describedby");
  }

  // Messages by the fields: every field's when ``all``, else only those in ``only`` (fields left,
  // or already showing a message); the summary when ``summary``.
  function render(form, problems, options) {
    var byWrapper = new Map();
    var general = [];
    problems.forEach(function (problem) {
      var wrapper = wrapperFor(form, problem.field);
      if (!wrapper) { general.push(problem); return; }
      if (!byWrapper.has(wrapper)) byWrapper.set(wrapper, []);
      byWrapper.get(wrapper).push(problem);
    });
    Array.prototype.forEach.call(form.querySelectorAll("[data-hb-field]"), function (wrapper) {
      var showing = wrapper.classList.contains("hb-suggest__field--error");
      if (options.all || showing || (options.only && options.only.indexOf(wrapper) !== -1)) {
        setError(wrapper, byWrapper.get(wrapper) || []);
      }
    });
    var summary = form.querySelector("[data-hb-summary]");
    if (!summary || !(options.summary || !summary.hidden)) return;
    var list = summary.querySelector("ul");
    list.textContent = "";
    byWrapper.forEach(function (found, wrapper) {
      found.forEach(function (problem) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        var target = focusTarget(wrapper);
        link.href = "#" + (target ? target.id : "");
        link.textContent = (labelOf(wrapper) || problem.field) + " \u2014 ";
        link.appendChild(english(wording(problem)));
        link.addEventListener("click", function (event) {
          event.preventDefault();
          var fieldset = wrapper.querySelector("fieldset");
          (fieldset || wrapper).scrollIntoView({ block: "center" });
          if (target) target.focus();
        });
        item.appendChild(link);
        list.appendChild(item);
      });
    });
    general.forEach(function (problem) {
      var item = document.createElement("li");
      item.appendChild(english((problem.field ? problem.field + ": " : "") + wording(problem)));
      list.appendChild(item);
    });
    summary.hidden = problems.length === 0;
  }

  // -- the file and where to send it --------------------------------------------------------------
  function button(text, action) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "md-button";
    element.textContent = text;
    element.addEventListener("click", action);
    return element;
  }

  function link(text, url, primary) {
    var element = document.createElement("a");
    element.className = "md-button" + (primary ? " md-button--primary" : "");
    element.href = url;
    element.target = "_blank";
    element.rel = "noopener";
    element.textContent = text;
    return element;
  }

  function paragraph(text) {
    var element = document.createElement("p");
    element.textContent = text;
    return element;
  }

  function copy(text, status) {
    var done = function (ok) {
      status.textContent = t(ok ? "copied" : "copy_failed");
    };
    if (typeof hb.copyText === "function") { Promise.resolve(hb.copyText(text)).then(done, function () { done(false); }); return; }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
    } else {
      done(false);
    }
  }

  function download(file) {
    if (typeof hb.download === "function") { hb.download(file); return; }
    var blob = new Blob([file.text], { type: "text/markdown;charset=utf-8" });
    var anchor = document.createElement("a");
    anchor.href = URL.createObjectURL(blob);
    anchor.download = (file.path || "suggestion.md").split("/").pop();
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(function () { URL.revokeObjectURL(anchor.href); }, 1000);
  }

  var TITLE_FIELD = { term: "term", story: "title", organisation: "name", evidence: "title" };

  function finish(result) {
    result.hidden = false;
    result.focus();
  }

  // The file made (hb-suggest-file.js), and a button for each way to send it; false when the
  // file cannot be named (a title with no letters or digits): that is a problem with the title.
  function showResult(form, collected) {
    var result = form.querySelector("[data-hb-result]");
    var body = result.querySelector("[data-hb-result-body]");
    body.textContent = "";
    var id = form.getAttribute("data-hb-suggest-form");
    if (typeof hb.fileFor !== "function") {
      body.appendChild(paragraph(t("no_file_maker")));
      finish(result);
      return true;
    }
    var file;
    var ways = {};
    try {
      file = hb.fileFor(id, collected.values, collected.body, collected.context);
      if (file.problem && !file.path) {
        render(form, [{ field: TITLE_FIELD[id] || "", message: file.problem }], { all: true, summary: true });
        return false;
      }
      if (typeof hb.destinations === "function") ways = hb.destinations(file, collected.context) || {};
    } catch (error) {
      if (window.console) window.console.error(error);
      body.appendChild(paragraph(t("file_failed")));
      finish(result);
      return true;
    }
    var mode = file.mode || "new";
    if (file.path) {
      var where = document.createElement("p");
      var lead = { "new": "new_file", append: "term_file", note: "page_file" }[mode];
      where.appendChild(document.createTextNode(lead ? t(lead) + " " : ""));
      var code = document.createElement("code");
      code.setAttribute("data-hb-file-path", "");
      code.textContent = file.path;
      where.appendChild(code);
      body.appendChild(where);
    }
    if (mode === "append") {
      body.appendChild(paragraph(t("append_help")));
    } else if (mode === "note") {
      body.appendChild(paragraph(t("note_help")));
    } else {
      body.appendChild(paragraph(t("new_help")));
    }
    var preview = document.createElement("pre");
    preview.className = "hb-suggest__preview";
    preview.setAttribute("tabindex", "0");
    preview.setAttribute("aria-label", t("prepared_text"));
    var text = document.createElement("code");
    text.setAttribute("data-hb-file-text", "");
    text.textContent = file.text;
    preview.appendChild(text);
    body.appendChild(preview);

    var actions = document.createElement("div");
    actions.className = "hb-suggest__send";
    var status = document.createElement("p");
    status.className = "hb-suggest__status";
    status.setAttribute("role", "status");
    if (ways.newFileUrl) actions.appendChild(link(t("propose"), ways.newFileUrl, true));
    if (ways.editUrl) {
      actions.appendChild(link(t(mode === "append" ? "open_term_file" : "edit_page"), ways.editUrl, true));
    }
    if (ways.issueUrl) actions.appendChild(link(t("send_issue"), ways.issueUrl, !ways.newFileUrl && !ways.editUrl));
    if (ways.mailto) actions.appendChild(link(t("send_email"), ways.mailto, false));
    actions.appendChild(button(t("copy"), function () { copy(file.text, status); }));
    if (mode === "new") actions.appendChild(button(t("download"), function () { download(file); }));
    if (ways.uploadUrl && !ways.newFileUrl) actions.appendChild(link(t("upload"), ways.uploadUrl, true));
    body.appendChild(actions);
    body.appendChild(status);
    if (ways.tooLong) {
      body.appendChild(paragraph(t("too_long")));
    }
    if (ways.issueLeftOut && ways.issueLeftOut.length) {
      body.appendChild(paragraph(t("left_out", { fields: ways.issueLeftOut.join(", ") })));
    }
    if (ways.attach) body.appendChild(paragraph(t("attach")));
    if (file.exact === false && file.path) {
      body.appendChild(paragraph(t("renamed")));
    }
    finish(result);
    return true;
  }

  // -- wiring ------------------------------------------------------------------------------------
  forms.forEach(function (form) {
    var submitted = false;

    function recheck(wrapper) {
      var collected = collect(form);
      render(form, check(form, collected), { only: wrapper ? [wrapper] : [], summary: false });
      if (!submitted) return;
      var summary = form.querySelector("[data-hb-summary]");
      if (summary && !summary.hidden) render(form, check(form, collected), { summary: true });
    }

    // A field left or changed is checked; a field showing a message is checked again as it is
    // typed in, so the message goes once it is put right. Not while the send button is being
    // pressed: a message appearing above it would move it from under the pointer, and the
    // press would be lost (sending checks everything anyway).
    var pressing = false;
    var actions = form.querySelector(".hb-suggest__actions");
    if (actions) {
      actions.addEventListener("pointerdown", function () {
        pressing = true;
        setTimeout(function () { pressing = false; }, 1000);
      });
    }
    form.addEventListener("change", function (event) {
      if (!pressing) recheck(event.target.closest("[data-hb-field]"));
    });
    form.addEventListener("focusout", function (event) {
      var wrapper = event.target.closest && event.target.closest("[data-hb-field]");
      if (pressing || (wrapper && wrapper.contains(event.relatedTarget))) return; // pressing send; between a list's boxes
      // Only a field with an answer: tabbing past an empty one (or a list's boxes) says nothing yet.
      if (wrapper && event.target.type !== "checkbox" && event.target.value) recheck(wrapper);
    });
    form.addEventListener("input", function (event) {
      var wrapper = event.target.closest("[data-hb-field]");
      if (wrapper && wrapper.classList.contains("hb-suggest__field--error")) recheck(null);
      var result = form.querySelector("[data-hb-result]");
      if (result && !result.hidden) result.hidden = true; // the prepared file no longer matches the answers
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      pressing = false;
      submitted = true;
      var collected = collect(form);
      var problems = check(form, collected);
      render(form, problems, { all: true, summary: true });
      var summary = form.querySelector("[data-hb-summary]");
      if (problems.length) {
        form.querySelector("[data-hb-result]").hidden = true;
        summary.focus();
        return;
      }
      if (!showResult(form, collected)) summary.focus();
    });
  });

  // -- context from the address --------------------------------------------------------------------
  function fill(form, name, value) {
    var element = form && form.elements[name];
    if (element && value && !element.value) element.value = value;
  }

  var asked = formId(query.get("form") || "") || formId(window.location.hash.slice(1));
  if (query.get("term")) {
    fill(root.querySelector('[data-hb-suggest-form="perspective"]'), "term", query.get("term"));
  }
  if (query.get("page") || query.get("address")) {
    var shown = query.get("address") || query.get("page");
    fill(root.querySelector('[data-hb-suggest-form="correction"]'), "page", shown);
    if (query.get("page")) prefilledPage = { shown: shown, path: query.get("page").replace(/^\/+/, "") };
  }
  show(asked);
  if (asked && query.get("form")) {
    var heading = document.getElementById(asked + "-heading");
    if (heading && !window.location.hash) {
      heading.setAttribute("tabindex", "-1");
      heading.scrollIntoView({ block: "start" });
    }
  }
})();
