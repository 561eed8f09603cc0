// Skill search dialog. The index (search/skills.json), the search library (MiniSearch,
// vendored) and the ranking (skillsite-rank.js) load on first use: focusing the search
// box, pressing "/" or opening a page with ?q=. The first results rank by names, titles,
// descriptions and tags; search/skill-details.json (example requests, headings, body
// words) follows and the results are ranked again with it: until then the results list is
// aria-busy. Every catalog string is inserted as text.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || typeof URL === "undefined") return;
  var ROOT = new URL("..", script.src);
  var INDEX_URL = new URL("search/skills.json", ROOT).href;
  var DETAILS_URL = new URL("search/skill-details.json", ROOT).href;
  var LIBRARY_URLS = [
    new URL("assets/vendor/minisearch.js", ROOT).href,
    new URL("assets/skillsite-rank.js", ROOT).href
  ];
  var MAX_QUERY_CHARS = 500;
  var MAX_RESULTS = 20;
  var DESCRIPTION_CHARS = 260;
  var INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff0-\uffff]/g;

  // ---- engine -------------------------------------------------------------------------
  var engine = null; // SkillsiteRank.create(...): {skills, rank, addDetails, ...}
  var loading = null;
  var detailsDone = false; // added to the engine, or given up on

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = url;
      tag.onload = function () { resolve(); };
      tag.onerror = function () { reject(new Error("could not load the search library")); };
      document.head.appendChild(tag);
    });
  }

  function loadLibrary() {
    if (window.MiniSearch && window.SkillsiteRank) return Promise.resolve();
    return Promise.all(LIBRARY_URLS.map(loadScript));
  }

  function loadJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error("search index: HTTP " + response.status);
      return response.json();
    });
  }

  function loadDetails() {
    loadJson(DETAILS_URL).then(function (details) {
      return engine.addDetails(details);
    }).catch(function () {
      // The summary ranking stands on its own.
    }).then(function () {
      detailsDone = true;
      lastQuery = null; // rank the query in the box again, with the details
      if (toggle.checked) update();
      else list.setAttribute("aria-busy", "false");
    });
  }

  function ready() {
    if (engine) return Promise.resolve(engine);
    if (!loading) {
      loading = Promise.all([loadLibrary(), loadJson(INDEX_URL)]).then(function (parts) {
        engine = window.SkillsiteRank.create(window.MiniSearch, parts[1]);
        setTimeout(loadDetails, 0);
        return engine;
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
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
    var section = engine.matchingSection(skill, words);
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
    var near = engine.nearest(words);
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
    var ranked = engine.rank(query);
    list.replaceChildren();
    suggestions.hidden = true;
    suggestions.replaceChildren();
    var shown = shorten(query.replace(INVISIBLE, "").trim(), 80);
    if (!ranked.words.length) {
      status.textContent = shown ? "No skill matches “" + shown + "”: type a topic, a tool or a skill name." : "Type to search " + engine.skills.length + " skills.";
      if (shown) showSuggestions(window.SkillsiteRank.splitWords(shown));
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
      list.setAttribute("data-skillsite-stage", detailsDone ? "full" : "summary");
      list.setAttribute("aria-busy", detailsDone ? "false" : "true");
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
