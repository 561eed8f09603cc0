// Skill ranking for the site search: one result per skill, ranked name > title >
// description, tags and example requests > section headings and body words. No DOM: the
// search dialog (skillsite-search.js) loads this file with MiniSearch on first use, and
// bench/search_quality.py runs the very same code under Node to measure the ranking.
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.SkillsiteRank = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  var MAX_QUERY_CHARS = 500;
  var MAX_WORDS = 12;
  var MAX_WORD_CHARS = 40;
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

  // ---- engine -------------------------------------------------------------------------
  // `index` is search/skills.json as written by src/skillsite/search_index.py.
  function create(MiniSearch, index) {
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

    // ---- ranking ----------------------------------------------------------------------
    function queryWords(query) {
      var seen = new Set();
      var words = [];
      splitWords(String(query).slice(0, MAX_QUERY_CHARS)).forEach(function (word) {
        word = word.slice(0, MAX_WORD_CHARS);
        if (word.length < 2 || stop.has(word) || seen.has(word)) return;
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
        var members = (pair && synonyms.get(pair)) || synonyms.get(words[i]) || null;
        var stems = pair && synonyms.has(pair) ? [stem(words[i]), stem(words[i + 1])] : [stem(words[i])];
        if (pair && synonyms.has(pair)) i += 1;
        var same = members && found.filter(function (c) { return c.members === members; })[0];
        if (same) same.own.push(stems);
        else found.push({ own: [stems], members: members || [] });
      }
      return found;
    }

    function scoreInto(scores, stems, weight, allowFuzzy) {
      var query = stems.join(" ");
      var known = !allowFuzzy || search.search(query, { fields: FIELDS, prefix: false, fuzzy: false, combineWith: "AND" }).length > 0;
      search.search(query, termOptions(!known)).forEach(function (hit) {
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
      var size = skills.length;
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
        var skill = skills[id];
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

    // Names, tags and categories closest to the query's words, for a query with no match.
    function nearest(words) {
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
      skills.forEach(function (skill) { skill.tags.forEach(function (tag) { tags.set(tag, true); }); });
      return {
        names: best(skills.map(function (s) { return { text: s.name + " " + s.title, value: s.name }; }), 5),
        tags: best(Array.from(tags.keys()).map(function (t) { return { text: t, value: t }; }), 6),
        categories: best(index.categories.map(function (c) { return { text: c[1] + " " + c[0], value: c[0], label: c[1] }; }), 3)
      };
    }

    return { skills: skills, rank: rank, matchingSection: matchingSection, nearest: nearest };
  }

  return { create: create, splitWords: splitWords, stem: stem, INVISIBLE: INVISIBLE, MAX_QUERY_CHARS: MAX_QUERY_CHARS };
});
