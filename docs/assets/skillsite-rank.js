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
  var CORRECTION_WEIGHT = 0.7;
  var EXACT_NAME_BONUS = 1000;
  // A query of exactly a skill's name words in another order ("proxmox infra").
  var NAME_WORDS_FACTOR = 3;
  var now = typeof performance !== "undefined" ? function () { return performance.now(); } : Date.now;
  // search/skills.json holds the summary fields; search/skill-details.json, fetched after
  // it, the others.
  var SUMMARY_FIELDS = ["name", "title", "description", "tags", "category"];
  var DETAIL_FIELDS = ["examples", "headings", "keywords"];
  var SLICE_MS = 8; // longest run of indexing between two chances to handle a keystroke
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
  // Edits (insert, delete, replace, swap two neighbours) from a to b, or limit + 1 once
  // it is clear there are more.
  function editDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = null;
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      var current = [i];
      var least = i;
      for (j = 1; j <= b.length; j++) {
        var cost = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, before[j - 2] + 1);
        current.push(cost);
        if (cost < least) least = cost;
      }
      if (least > limit) return limit + 1;
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }
  // Close enough to suggest, for a query with no match: one edit more than a search forgives.
  function closeEnoughToSuggest(word, known) {
    var limit = word.length >= 7 ? 3 : 2;
    return word.length >= 3 && known.length >= 3 && editDistance(word, known, limit) <= limit;
  }
  // Typos forgiven in a word the index does not know: none in short words, where one edit
  // makes another word, one from four letters, two from seven.
  function allowedEdits(word) {
    return word.length >= 7 ? 2 : word.length >= 4 ? 1 : 0;
  }

  // ---- engine -------------------------------------------------------------------------
  // `index` is search/skills.json as written by src/skillsite/search_index.py; the details
  // file joins it through addDetails.
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
    // Word pairs a skill is named by, as stems: every multi-word tag, and every two
    // neighbouring words of its name ("tech debt", "bundle size", "flaky test").
    function phrasesOf(name, tags) {
      var found = [];
      tags.forEach(function (tag) {
        var stems = splitWords(tag).filter(function (w) { return !stop.has(w); }).map(stem);
        if (stems.length > 1) found.push(stems.join(" "));
      });
      var parts = splitWords(name).map(stem);
      for (var i = 0; i + 1 < parts.length; i++) found.push(parts[i] + " " + parts[i + 1]);
      return found;
    }
    // A name's words as sorted stems: "infra proxmox" names infra-proxmox in any order.
    function nameWordsOf(text) {
      return splitWords(text).filter(function (w) { return !stop.has(w); }).map(stem).sort().join(" ");
    }
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
        phrases: phrasesOf(String(entry.n), entry.g || []),
        nameWords: nameWordsOf(String(entry.n)),
        examples: [],
        sections: [],
        keywords: "",
        wholeDescription: ""
      };
    });
    function fieldText(doc, field) {
      if (field === "tags" || field === "examples") return doc[field].join(" ");
      if (field === "description") return doc.wholeDescription || doc.description;
      if (field === "headings") return doc.sections.map(function (s) { return s[0]; }).join(" ");
      return doc[field];
    }
    function fieldIndex(fields) {
      return new MiniSearch({
        fields: fields,
        extractField: fieldText,
        tokenize: splitWords,
        processTerm: function (term) { return stop.has(term) ? null : stem(term); },
        searchOptions: {
          tokenize: function (text) { return text.split(" "); },
          processTerm: function (term) { return term; }
        }
      });
    }

    // Every word of the index as written, by length: what a misspelt word is corrected to;
    // and every term of the index (a stem), to tell a known word without a search.
    var lexicon = { seen: new Set(), terms: new Set(), vocabulary: [] };
    function learnWords(into, skill, fields) {
      fields.forEach(function (field) {
        splitWords(fieldText(skill, field)).forEach(function (word) {
          if (into.seen.has(word) || stop.has(word)) return;
          into.seen.add(word);
          into.terms.add(stem(word));
          if (word.length >= 4) (into.vocabulary[word.length] = into.vocabulary[word.length] || []).push(word);
        });
      });
    }

    var indexes = [fieldIndex(SUMMARY_FIELDS)];
    indexes[0].addAll(skills);
    skills.forEach(function (skill) { learnWords(lexicon, skill, SUMMARY_FIELDS); });
    var detailsAdded = false;

    // Calls `step` on each item, a slice at a time, yielding to the page between slices,
    // so that a reader typing meanwhile waits at most one slice: the slice ends by the
    // clock, not by a count, whatever the catalog and the machine.
    function eachInSlices(items, step) {
      var next = 0;
      return new Promise(function (resolve) {
        function slice() {
          var start = now();
          while (next < items.length) {
            step(items[next]);
            next += 1;
            if (now() - start >= SLICE_MS) break;
          }
          if (next < items.length) setTimeout(slice, 0);
          else resolve();
        }
        setTimeout(slice, 0);
      });
    }

    // search/skill-details.json: example requests, headings, body words and the whole
    // description of a skill whose summary holds it cut, entry for entry. The details
    // index (and the summary index again, with whole descriptions, if any was cut) is
    // built in slices beside the one in use, which it joins once complete.
    function addDetails(details) {
      if (detailsAdded) return Promise.resolve();
      detailsAdded = true;
      (details.skills || []).forEach(function (entry, id) {
        var skill = skills[id];
        if (!skill || !entry) return;
        skill.examples = (entry.e || []).map(String);
        skill.sections = (entry.h || []).map(function (pair) { return [String(pair[0]), String(pair[1] || "")]; });
        skill.keywords = String(entry.k || "");
        if (typeof entry.d === "string") skill.wholeDescription = entry.d;
      });
      // The summary index again only if it holds a cut description.
      var cut = skills.some(function (skill) { return skill.wholeDescription; });
      var summary = cut ? fieldIndex(SUMMARY_FIELDS) : indexes[0];
      var search = fieldIndex(DETAIL_FIELDS);
      // The words the index knows are learnt beside the ones in use too: until the swap
      // the ranking is the summary's alone, typo tolerance included.
      var fields = cut ? ["description"].concat(DETAIL_FIELDS) : DETAIL_FIELDS;
      var learnt = {
        seen: new Set(lexicon.seen),
        terms: new Set(lexicon.terms),
        vocabulary: lexicon.vocabulary.map(function (list) { return list.slice(); })
      };
      return eachInSlices(cut ? skills : [], function (skill) { summary.add(skill); }).then(function () {
        return eachInSlices(skills, function (skill) { search.add(skill); });
      }).then(function () {
        return eachInSlices(skills, function (skill) { learnWords(learnt, skill, fields); });
      }).then(function () {
        skills.forEach(function (skill) {
          if (skill.wholeDescription) skill.description = skill.wholeDescription;
        });
        indexes = [summary, search];
        lexicon = learnt;
      });
    }

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

    function termOptions(fuzzy, prefix) {
      return {
        boost: BOOST,
        prefix: prefix ? function (term) { return term.length >= 3; } : false,
        fuzzy: fuzzy ? function (term) { return allowedEdits(term) || false; } : false,
        weights: { fuzzy: 0.3, prefix: 0.4 },
        combineWith: "AND"
      };
    }

    // Words of the index nearest to a word it does not know, as stems.
    function corrections(word) {
      var limit = allowedEdits(word);
      var best = limit + 1;
      var found = [];
      for (var length = word.length - limit; length <= word.length + limit; length++) {
        (lexicon.vocabulary[length] || []).forEach(function (known) {
          var distance = editDistance(word, known, Math.min(limit, best));
          if (distance < best) { best = distance; found = []; }
          if (distance === best && distance <= limit) found.push(stem(known));
        });
      }
      return Array.from(new Set(found)).slice(0, 3);
    }

    // Query words grouped into concepts: words of one synonym group ("review a PR") count
    // once, and each concept also looks for the other members of its group.
    function concepts(words) {
      var found = [];
      for (var i = 0; i < words.length; i++) {
        var pair = i + 1 < words.length ? words[i] + " " + words[i + 1] : null;
        var isPair = Boolean(pair && synonyms.has(pair));
        var members = (isPair && synonyms.get(pair)) || synonyms.get(words[i]) || null;
        var own = isPair ? [words[i], words[i + 1]] : [words[i]];
        if (isPair) i += 1;
        var entry = { words: own, stems: own.map(stem) };
        var same = members && found.filter(function (c) { return c.members === members; })[0];
        if (same) same.own.push(entry);
        else found.push({ own: [entry], members: members || [] });
      }
      return found;
    }

    var foldedTitles = new Map(); // skill id -> its title folded, once asked for
    function foldedTitle(skill) {
      if (!foldedTitles.has(skill.id)) foldedTitles.set(skill.id, fold(skill.title));
      return foldedTitles.get(skill.id);
    }

    function known(stems) {
      return stems.every(function (term) { return lexicon.terms.has(term); });
    }

    // Scores by skill id, in arrays (a query may touch every skill of a large catalog),
    // with the ids touched, in order.
    function newScores() {
      return { value: new Float64Array(skills.length), ids: [] };
    }
    function raise(scores, id, score) {
      if (!(score > 0)) return;
      if (scores.value[id] === 0) scores.ids.push(id);
      if (score > scores.value[id]) scores.value[id] = score;
    }

    // scores: skill id -> the best score of the concept's words for the skill.
    function addScores(scores, query, weight, fuzzy, prefix) {
      var sums = newScores();
      indexes.forEach(function (search) {
        search.search(query, termOptions(fuzzy, prefix)).forEach(function (hit) {
          if (!(hit.score > 0)) return;
          if (sums.value[hit.id] === 0) sums.ids.push(hit.id);
          sums.value[hit.id] += hit.score;
        });
      });
      sums.ids.forEach(function (id) { raise(scores, id, sums.value[id] * weight); });
    }

    // Typo tolerance only for a word the index does not know: "review" must not also find
    // every "preview". Such a word is also looked up as the index's nearest word. Only the
    // word being typed matches as the start of longer words: the others are complete, and
    // "page" should not find "pagination".
    function scoreInto(scores, stems, words, weight, allowFuzzy, prefix) {
      var query = stems.join(" ");
      var typo = allowFuzzy && (relaxed || !known(stems));
      addScores(scores, query, weight, typo, prefix);
      if (!typo || words.length !== 1) return;
      corrections(words[0]).forEach(function (corrected) {
        addScores(scores, corrected, weight * CORRECTION_WEIGHT, false, prefix);
      });
    }

    // Skills by their name or title as plain words: a query that is a skill's whole name
    // finds it first, even when every word of it is a stop word ("what-the", "docs-out").
    var namesAsWords = null;
    function exactlyNamed(whole) {
      if (!namesAsWords) {
        namesAsWords = new Map();
        skills.forEach(function (skill) {
          [skill.name, skill.title].forEach(function (text) {
            var key = splitWords(text).join(" ");
            if (!key) return;
            var named = namesAsWords.get(key) || [];
            if (named.indexOf(skill) < 0) named.push(skill);
            namesAsWords.set(key, named);
          });
        });
      }
      var key = whole.join(" ");
      // A skill so named comes before one so titled.
      return (namesAsWords.get(key) || []).slice().sort(function (a, b) {
        return (splitWords(b.name).join(" ") === key) - (splitWords(a.name).join(" ") === key);
      });
    }

    // Set while a query that found nothing is tried again with every word read as a
    // possible typo: a misspelling can be a word some skill happens to have ("poters").
    var relaxed = false;
    function rankRelaxing(query) {
      var ranked = rankByWords(query);
      if (ranked.results.length || !ranked.words.length) return ranked;
      relaxed = true;
      try {
        return rankByWords(query);
      } finally {
        relaxed = false;
      }
    }

    function rank(query) {
      var ranked = rankRelaxing(query);
      var whole = splitWords(String(query).slice(0, MAX_QUERY_CHARS)).slice(0, MAX_WORDS);
      var named = exactlyNamed(whole);
      if (!named.length) return ranked;
      var top = ranked.results.length ? ranked.results[0].score : 0;
      var first = named.map(function (skill) { return { skill: skill, score: top + EXACT_NAME_BONUS }; });
      var rest = ranked.results.filter(function (result) { return named.indexOf(result.skill) < 0; });
      return { words: ranked.words.length ? ranked.words : whole, results: first.concat(rest) };
    }

    function rankByWords(query) {
      var words = queryWords(query);
      var groups = concepts(words);
      // The last word, unless a space after it says it is complete.
      var typing = /\s$/.test(String(query)) ? null : words[words.length - 1];
      var size = skills.length;
      var totals = new Float64Array(size); // skill id -> summed (saturated) scores of its concepts
      var matched = new Int32Array(size); // skill id -> concepts it has anywhere
      var weightOf = new Float64Array(size); // skill id -> summed rarity of its concepts
      var found = []; // ids of the skills with any concept
      var foundWeight = 0; // summed rarity of the concepts some skill has
      groups.forEach(function (concept) {
        var scores = newScores();
        concept.own.forEach(function (entry) {
          scoreInto(scores, entry.stems, entry.words, 1, true, typing !== null && entry.words.indexOf(typing) >= 0);
        });
        var ownKeys = concept.own.map(function (entry) { return entry.stems.join(" "); });
        concept.members.forEach(function (stems) {
          if (ownKeys.indexOf(stems.join(" ")) < 0) scoreInto(scores, stems, stems, SYNONYM_WEIGHT, false, false);
        });
        if (!scores.ids.length) return;
        // The rarer a concept, the more it says about what the reader came for.
        var rarity = Math.log((size + 1) / (scores.ids.length + 1)) + 0.1;
        foundWeight += rarity;
        scores.ids.forEach(function (id) {
          var score = scores.value[id];
          if (matched[id] === 0) found.push(id);
          // The square root: a skill with more of the reader's words beats one that has a
          // single word in every field. Times the rarity: a skill with the query's rarest
          // word ("agents" among "llm agents") beats one with its commonest in its name.
          totals[id] += Math.sqrt(score) * rarity;
          matched[id] += 1;
          weightOf[id] += rarity;
        });
      });
      var n = groups.length;
      var queryPhrase = " " + words.map(stem).join(" ") + " ";
      function hasPhrase(skill) {
        return words.length > 1 && skill.phrases.some(function (phrase) {
          return queryPhrase.indexOf(" " + phrase + " ") >= 0;
        });
      }
      var joined = words.join("-");
      var spaced = words.join(" ");
      var queryNameWords = words.map(stem).sort().join(" ");
      var results = [];
      found.forEach(function (id) {
        var skill = skills[id];
        var coverage = weightOf[id] / foundWeight;
        var total = totals[id] * coverage * coverage;
        if (skill.name === joined || foldedTitle(skill) === spaced) total += EXACT_NAME_BONUS;
        else if (words.length > 1 && skill.nameWords === queryNameWords) total *= NAME_WORDS_FACTOR;
        else if (joined.length >= 3 && skill.name.indexOf(joined) === 0) total *= 2;
        else if (words.length > 1 && skill.tagPhrases.indexOf(spaced) >= 0) total *= 1.5;
        // Up to two concepts, a skill must have them all; in a longer sentence, half of
        // them (a sentence's own wording may appear nowhere: "I need meal ideas for a
        // vegetarian diet"), and half of the weight of those any skill has; or two
        // neighbouring words of the sentence that name it ("... first in our tech debt").
        var count = matched[id];
        var enough = n <= 2 ? count === n : count * 2 >= n && weightOf[id] * 2 >= foundWeight;
        if (enough || hasPhrase(skill)) results.push({ skill: skill, score: total });
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

    // Names, tags and categories as stems, for suggestions: made in slices from the
    // start, or at once by a query with no match that comes before.
    var suggestible = null;
    function suggestion(text, value, label) {
      return { text: text, value: value, label: label, stems: null };
    }
    function suggestibleItems() {
      if (!suggestible) {
        var tags = new Map();
        skills.forEach(function (skill) { skill.tags.forEach(function (tag) { tags.set(tag, true); }); });
        suggestible = {
          names: skills.map(function (s) { return suggestion(s.name + " " + s.title, s.name); }),
          tags: Array.from(tags.keys()).map(function (t) { return suggestion(t, t); }),
          categories: index.categories.map(function (c) { return suggestion(c[1] + " " + c[0], c[0], c[1]); })
        };
      }
      return suggestible;
    }
    function stemsOf(item) {
      if (!item.stems) item.stems = splitWords(item.text).map(stem);
      return item.stems;
    }
    function prepareSuggestions() {
      var items = suggestibleItems();
      eachInSlices(items.names.concat(items.tags, items.categories), stemsOf);
    }

    // Names, tags and categories closest to the query's words, for a query with no match.
    function nearest(words) {
      var stems = words.map(stem);
      var wordScores = new Map(); // one score per distinct word of the catalog's names and tags
      function wordScore(s) {
        if (wordScores.has(s)) return wordScores.get(s);
        var score = 0;
        stems.forEach(function (q) {
          if (s === q) score += 3;
          else if (q.length >= 3 && (s.indexOf(q) === 0 || q.indexOf(s) === 0)) score += 2;
          else if (closeEnoughToSuggest(q, s)) score += 1;
        });
        wordScores.set(s, score);
        return score;
      }
      function best(items, limit) {
        return items
          .map(function (item) {
            var score = 0;
            stemsOf(item).forEach(function (s) { score += wordScore(s); });
            return { item: item, score: score };
          })
          .filter(function (x) { return x.score > 0; })
          .sort(function (a, b) { return b.score - a.score || (a.item.text < b.item.text ? -1 : 1); })
          .slice(0, limit)
          .map(function (x) { return { value: x.item.value, label: x.item.label }; });
      }
      var items = suggestibleItems();
      return {
        names: best(items.names, 5),
        tags: best(items.tags, 6),
        categories: best(items.categories, 3)
      };
    }

    prepareSuggestions();

    return {
      skills: skills,
      rank: rank,
      addDetails: addDetails,
      hasDetails: function () { return indexes.length > 1; },
      matchingSection: matchingSection,
      nearest: nearest
    };
  }

  return { create: create, splitWords: splitWords, stem: stem, INVISIBLE: INVISIBLE, MAX_QUERY_CHARS: MAX_QUERY_CHARS };
});
