// Skill search: one result per skill, ranked name > title > description, tags and example
// requests > section headings and body words. The index (search/skills.json) and the
// search library (MiniSearch, vendored) load on first use: focusing the search box,
// pressing "/" or opening a page with ?q=. Every catalog string is inserted as text.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || typeof URL === "undefined") return;
  var ROOT = new URL("..", script.src);
  var INDEX_URL = new URL("search/skills.json", ROOT).href;
  var LIBRARY_URL = new URL("assets/vendor/minisearch.js", ROOT).href;
  var MAX_QUERY_CHARS = 500;
  var MAX_WORDS = 12;
  var MAX_WORD_CHARS = 40;
  var MAX_RESULTS = 20;
  var DESCRIPTION_CHARS = 260;
  var SYNONYM_WEIGHT = 0.6;
  var EXACT_NAME_BONUS = 1000;
  var FIELDS = ["name", "title", "description", "examples", "tags", "category", "headings", "keywords"];
  var BOOST = { name: 8, title: 5, description: 3, examples: 3, tags: 3, category: 1.5, headings: 1, keywords: 0.6 };
  var INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff0-\uffff]/g;
  var SUFFIXES = [
    "izations", "ization", "ations", "ation", "ating", "ated", "ates", "ate",
    "ments", "ment", "ness", "ings", "ing", "ions", "ion", "ities", "ity", "ers", "er",
    "ies", "ied", "ed", "es", "ly", "al", "s", "e"
  ];

  // ---- text ---------------------------------------------------------------------------
  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function splitWords(text) {
    return fold(text).replace(INVISIBLE, "").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }
  function stem(word) {
    if (word.length <= 3 || /\d/.test(word)) return word;
    for (var i = 0; i < SUFFIXES.length; i++) {
      var suffix = SUFFIXES[i];
      if (word.length - suffix.length < 3 || word.slice(-suffix.length) !== suffix) continue;
      if (suffix === "s" && /(ss|us|is)$/.test(word)) continue;
      if (suffix === "ies" || suffix === "ied") return word.slice(0, -3) + "y";
      return word.slice(0, -suffix.length);
    }
    return word;
  }

  // ---- engine -------------------------------------------------------------------------
  var engine = null; // {search, skills, categories}
  var loading = null;

  function loadLibrary() {
    if (window.MiniSearch) return Promise.resolve(window.MiniSearch);
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = LIBRARY_URL;
      tag.onload = function () { resolve(window.MiniSearch); };
      tag.onerror = function () { reject(new Error("could not load the search library")); };
      document.head.appendChild(tag);
    });
  }

  function loadIndex() {
    return fetch(INDEX_URL).then(function (response) {
      if (!response.ok) throw new Error("search index: HTTP " + response.status);
      return response.json();
    });
  }

  function buildEngine(MiniSearch, index) {
    var stop = new Set(index.words.stop);
    // A word or two-word phrase -> its synonym group: every member as a list of stems.
    var synonyms = new Map();
    index.words.synonyms.forEach(function (group) {
      var members = group.map(function (member) {
        return splitWords(member).filter(function (word) { return !stop.has(word); }).map(stem);
      }).filter(function (stems) { return stems.length; });
      group.forEach(function (member) {
        synonyms.set(splitWords(member).join(" "), members);
      });
    });
    var skills = index.skills.map(function (entry, id) {
      var category = index.categories[entry.c] || ["", ""];
      return {
        id: id,
        name: String(entry.n),
        title: String(entry.t || ""),
        description: String(entry.d || ""),
        categoryKey: String(category[0]),
        category: String(category[1]),
        tags: (entry.g || []).map(String),
        tagPhrases: (entry.g || []).map(function (tag) {
          return splitWords(tag).filter(function (w) { return !stop.has(w); }).join(" ");
        }),
        examples: (entry.e || []).map(String),
        sections: (entry.h || []).map(function (pair) { return [String(pair[0]), String(pair[1] || "")]; }),
        keywords: String(entry.k || "")
      };
    });
    var search = new MiniSearch({
      fields: FIELDS,
      extractField: function (doc, field) {
        if (field === "tags" || field === "examples") return doc[field].join(" ");
        if (field === "headings") return doc.sections.map(function (s) { return s[0]; }).join(" ");
        return doc[field];
      },
      tokenize: splitWords,
      processTerm: function (term) { return stop.has(term) ? null : stem(term); },
      searchOptions: {
        tokenize: function (text) { return text.split(" "); },
        processTerm: function (term) { return term; }
      }
    });
    search.addAll(skills);
    return { search: search, skills: skills, stop: stop, synonyms: synonyms, categories: index.categories };
  }

  function ready() {
    if (engine) return Promise.resolve(engine);
    if (!loading) {
      loading = Promise.all([loadLibrary(), loadIndex()]).then(function (parts) {
        engine = buildEngine(parts[0], parts[1]);
        return engine;
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // ---- ranking ------------------------------------------------------------------------
  function queryWords(query) {
    var seen = new Set();
    var words = [];
    splitWords(query.slice(0, MAX_QUERY_CHARS)).forEach(function (word) {
      word = word.slice(0, MAX_WORD_CHARS);
      if (word.length < 2 || engine.stop.has(word) || seen.has(word)) return;
      seen.add(word);
      words.push(word);
    });
    return words.slice(0, MAX_WORDS);
  }

  function termOptions(fuzzy) {
    return {
      fields: FIELDS,
      boost: BOOST,
      prefix: function (term) { return term.length >= 3; },
      fuzzy: fuzzy ? function (term) { return term.length >= 4 ? 1 : false; } : false,
      weights: { fuzzy: 0.3, prefix: 0.4 },
      combineWith: "AND"
    };
  }

  // Query words grouped into concepts: words of one synonym group ("review a PR") count
  // once, and each concept also looks for the other members of its group.
  function concepts(words) {
    var found = [];
    for (var i = 0; i < words.length; i++) {
      var pair = i + 1 < words.length ? words[i] + " " + words[i + 1] : null;
      var members = (pair && engine.synonyms.get(pair)) || engine.synonyms.get(words[i]) || null;
      var stems = pair && engine.synonyms.has(pair) ? [stem(words[i]), stem(words[i + 1])] : [stem(words[i])];
      if (pair && engine.synonyms.has(pair)) i += 1;
      var same = members && found.filter(function (c) { return c.members === members; })[0];
      if (same) same.own.push(stems);
      else found.push({ own: [stems], members: members || [] });
    }
    return found;
  }

  function scoreInto(scores, stems, weight, allowFuzzy) {
    var query = stems.join(" ");
    var known = !allowFuzzy || engine.search.search(query, { fields: FIELDS, prefix: false, fuzzy: false, combineWith: "AND" }).length > 0;
    engine.search.search(query, termOptions(!known)).forEach(function (hit) {
      scores.set(hit.id, Math.max(scores.get(hit.id) || 0, hit.score * weight));
    });
  }

  function rank(query) {
    var words = queryWords(query);
    var groups = concepts(words);
    var totals = new Map();
    var matched = new Map();
    var weightOf = new Map(); // skill id -> summed rarity of the concepts it matches
    var allWeight = 0;
    var size = engine.skills.length;
    groups.forEach(function (concept) {
      var scores = new Map();
      // Typo tolerance only for a word the index does not know: "review" must not
      // also find every "preview".
      concept.own.forEach(function (stems) { scoreInto(scores, stems, 1, true); });
      var ownKeys = concept.own.map(function (stems) { return stems.join(" "); });
      concept.members.forEach(function (stems) {
        if (ownKeys.indexOf(stems.join(" ")) < 0) scoreInto(scores, stems, SYNONYM_WEIGHT, false);
      });
      // A concept that no skill has weighs most: it is what the reader came for.
      var rarity = Math.log((size + 1) / (scores.size + 1)) + 0.1;
      allWeight += rarity;
      scores.forEach(function (score, id) {
        totals.set(id, (totals.get(id) || 0) + score);
        matched.set(id, (matched.get(id) || 0) + 1);
        weightOf.set(id, (weightOf.get(id) || 0) + rarity);
      });
    });
    var n = groups.length;
    var joined = words.join("-");
    var results = [];
    totals.forEach(function (score, id) {
      var skill = engine.skills[id];
      var coverage = matched.get(id) / n;
      var total = score * coverage * coverage;
      if (skill.name === joined || fold(skill.title) === words.join(" ")) total += EXACT_NAME_BONUS;
      else if (joined.length >= 3 && skill.name.indexOf(joined) === 0) total *= 2;
      else if (words.length > 1 && skill.tagPhrases.indexOf(words.join(" ")) >= 0) total *= 1.5;
      var enough = n <= 2 ? matched.get(id) === n : weightOf.get(id) >= allWeight / 2;
      if (enough) results.push({ skill: skill, score: total });
    });
    results.sort(function (a, b) { return b.score - a.score || (a.skill.name < b.skill.name ? -1 : 1); });
    return { words: words, results: results };
  }

  function matchingSection(skill, words) {
    var stems = new Set(words.map(stem));
    var best = null;
    var bestCount = 0;
    skill.sections.forEach(function (section) {
      var count = splitWords(section[0]).filter(function (w) { return stems.has(stem(w)); }).length;
      if (count > bestCount) { best = section; bestCount = count; }
    });
    return best;
  }

  function nearest(words) {
    // Names, tags and categories closest to the query's words, for a query with no match.
    var stems = words.map(stem);
    function closeness(text) {
      var score = 0;
      splitWords(text).forEach(function (word) {
        var s = stem(word);
        stems.forEach(function (q) {
          if (s === q) score += 3;
          else if (q.length >= 3 && (s.indexOf(q) === 0 || q.indexOf(s) === 0)) score += 2;
          else if (editDistanceAtMost2(s, q)) score += 1;
        });
      });
      return score;
    }
    function best(items, limit) {
      return items
        .map(function (item) { return { item: item, score: closeness(item.text) }; })
        .filter(function (x) { return x.score > 0; })
        .sort(function (a, b) { return b.score - a.score || (a.item.text < b.item.text ? -1 : 1); })
        .slice(0, limit)
        .map(function (x) { return x.item; });
    }
    var tags = new Map();
    engine.skills.forEach(function (skill) { skill.tags.forEach(function (tag) { tags.set(tag, true); }); });
    return {
      names: best(engine.skills.map(function (s) { return { text: s.name + " " + s.title, value: s.name }; }), 5),
      tags: best(Array.from(tags.keys()).map(function (t) { return { text: t, value: t }; }), 6),
      categories: best(engine.categories.map(function (c) { return { text: c[1] + " " + c[0], value: c[0], label: c[1] }; }), 3)
    };
  }

  function editDistanceAtMost2(a, b) {
    if (Math.abs(a.length - b.length) > 2 || a.length < 3 || b.length < 3) return false;
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      var current = [i];
      for (j = 1; j <= b.length; j++) {
        current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
      }
      previous = current;
    }
    return previous[b.length] <= 2;
  }

  // ---- interface ----------------------------------------------------------------------
  var toggle = document.getElementById("__search");
  var dialog = document.querySelector("[data-skillsite-search]");
  if (!dialog || !toggle) return;
  var input = dialog.querySelector("input[name=q]");
  var status = dialog.querySelector("[data-skillsite-status]");
  var list = dialog.querySelector("[data-skillsite-results]");
  var suggestions = dialog.querySelector("[data-skillsite-suggestions]");
  var lastQuery = null;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function skillHref(name, anchor) {
    return new URL("skills/" + encodeURIComponent(name) + "/" + (anchor ? "#" + anchor : ""), ROOT).href;
  }

  function shorten(text, limit) {
    return text.length > limit ? text.slice(0, limit - 1).replace(/\s+\S*$/, "") + "…" : text;
  }

  function resultItem(skill, words) {
    var section = matchingSection(skill, words);
    var item = element("li", "md-search-result__item");
    var link = element("a", "md-search-result__link skillsite-result");
    link.href = skillHref(skill.name, section && section[1]);
    var article = element("article", "md-search-result__article md-typeset");
    var top = element("p", "skillsite-result__category", skill.category);
    var title = element("p", "skillsite-result__title", skill.title || skill.name);
    title.appendChild(document.createTextNode(" "));
    title.appendChild(element("code", "skillsite-result__name", skill.name));
    article.appendChild(top);
    article.appendChild(title);
    article.appendChild(element("p", "skillsite-result__description", shorten(skill.description, DESCRIPTION_CHARS)));
    if (section) article.appendChild(element("p", "skillsite-result__section", "Section: " + section[0]));
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  function suggestionGroup(label, items, href) {
    if (!items.length) return null;
    var group = element("p", "skillsite-suggest__group", label + ": ");
    items.forEach(function (entry, index) {
      if (index) group.appendChild(document.createTextNode(", "));
      var link = element("a", "skillsite-suggest__link", entry.label || entry.value);
      link.href = href(entry.value);
      group.appendChild(link);
    });
    return group;
  }

  function showSuggestions(words) {
    suggestions.replaceChildren();
    var near = nearest(words);
    var browse = new URL("skills/", ROOT);
    var groups = [
      suggestionGroup("Nearest skills", near.names, function (name) { return skillHref(name); }),
      suggestionGroup("Tags", near.tags, function (tag) { return browse.href + "?tag=" + encodeURIComponent(tag); }),
      suggestionGroup("Categories", near.categories, function (key) { return new URL("categories/" + encodeURIComponent(key) + "/", ROOT).href; })
    ].filter(Boolean);
    groups.forEach(function (group) { suggestions.appendChild(group); });
    var all = element("p", "skillsite-suggest__group");
    var link = element("a", "skillsite-suggest__link", "Browse all " + engine.skills.length + " skills");
    link.href = browse.href;
    all.appendChild(link);
    suggestions.appendChild(all);
    suggestions.hidden = false;
  }

  function render(query) {
    var ranked = rank(query);
    list.replaceChildren();
    suggestions.hidden = true;
    suggestions.replaceChildren();
    var shown = shorten(query.replace(INVISIBLE, "").trim(), 80);
    if (!ranked.words.length) {
      status.textContent = shown ? "No skill matches “" + shown + "”: type a topic, a tool or a skill name." : "Type to search " + engine.skills.length + " skills.";
      if (shown) showSuggestions(splitWords(shown));
      return;
    }
    var results = ranked.results.slice(0, MAX_RESULTS);
    if (!results.length) {
      status.textContent = "No skill matches “" + shown + "”. Closest:";
      showSuggestions(ranked.words);
      return;
    }
    var count = ranked.results.length;
    status.textContent = count + (count === 1 ? " skill matches" : " skills match") +
      (count > results.length ? " (best " + results.length + " shown)" : "");
    results.forEach(function (result) { list.appendChild(resultItem(result.skill, ranked.words)); });
  }

  function update() {
    var query = input.value;
    if (query === lastQuery && engine) return;
    list.setAttribute("aria-busy", "true");
    ready().then(function () {
      if (input.value !== query) return; // a newer keystroke will render
      lastQuery = query;
      render(query);
      syncUrl(query);
      list.setAttribute("aria-busy", "false");
    }, function (error) {
      status.textContent = "Search is unavailable: " + error.message;
      list.setAttribute("aria-busy", "false");
    });
  }

  function syncUrl(query) {
    if (!window.history || !history.replaceState) return;
    var url = new URL(window.location.href);
    if (query.trim()) url.searchParams.set("q", query.slice(0, MAX_QUERY_CHARS));
    else url.searchParams.delete("q");
    if (url.href !== window.location.href) history.replaceState(history.state, "", url.href);
  }

  function open(query) {
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
    if (typeof query === "string") input.value = query;
    input.focus();
    update();
  }

  function close() {
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    input.blur();
    syncUrl("");
  }

  function links() {
    return Array.prototype.slice.call(dialog.querySelectorAll("[data-skillsite-results] a, [data-skillsite-suggestions] a"));
  }

  function isTyping(target) {
    return target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName));
  }

  input.addEventListener("focus", function () { ready().catch(function () {}); if (!toggle.checked) open(); });
  input.addEventListener("input", update);
  input.addEventListener("keyup", update);
  dialog.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) window.location.href = first.href;
  });
  dialog.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp" && (at >= 0)) {
      event.preventDefault();
      if (at === 0) input.focus();
      else all[at - 1].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked) setTimeout(function () { input.focus(); }, 0);
  });
  document.addEventListener("keydown", function (event) {
    if (toggle.checked || isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      event.stopPropagation();
      open();
    }
  }, true);
  // The home page's search field hands over to the dialog as soon as it is used.
  document.querySelectorAll("[data-skillsite-search-start]").forEach(function (field) {
    function handOver() { open(field.value); field.value = ""; }
    field.addEventListener("focus", handOver);
    field.addEventListener("input", handOver);
  });

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial !== null && initial.trim()) open(initial);
})();
