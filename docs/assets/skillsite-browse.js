// The "All skills" page: filter by category, tag, compatibility and scripts, sort by name
// or last update, instantly and with the state in the URL (?category=&tag=&...). The list
// itself is plain HTML; this only hides, shows and reorders its items.
(function () {
  "use strict";
  var form = document.querySelector("[data-skillsite-filters]");
  var list = document.querySelector("[data-skillsite-list]");
  var count = document.querySelector("[data-skillsite-count]");
  if (!form || !list || !count) return;
  var FIELDS = ["category", "tag", "compatibility", "scripts", "sort"];
  var items = Array.prototype.slice.call(list.children);
  var entries = items.map(function (item) {
    var tags;
    try { tags = JSON.parse(item.getAttribute("data-tags") || "[]"); } catch (error) { tags = []; }
    return {
      item: item,
      name: item.getAttribute("data-name") || "",
      category: item.getAttribute("data-category") || "",
      tags: Array.isArray(tags) ? tags.map(String) : [],
      scripts: item.getAttribute("data-scripts") === "1",
      compatibility: item.getAttribute("data-compatibility") || "",
      updated: item.getAttribute("data-updated") || ""
    };
  });

  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (option) { return option.value === value; });
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (field) {
      var control = form.elements[field];
      var value = params.get(field) || "";
      if (control.type === "checkbox") control.checked = value === "1";
      else control.value = hasOption(control, value) ? value : control.options[0].value;
    });
  }

  function state() {
    var values = {};
    FIELDS.forEach(function (field) {
      var control = form.elements[field];
      values[field] = control.type === "checkbox" ? (control.checked ? "1" : "") : control.value;
    });
    return values;
  }

  function writeUrl(values) {
    var url = new URL(window.location.href);
    FIELDS.forEach(function (field) {
      var value = values[field];
      if (value && !(field === "sort" && value === "name")) url.searchParams.set(field, value);
      else url.searchParams.delete(field);
    });
    if (url.href !== window.location.href) history.replaceState(history.state, "", url.href);
  }

  function matches(entry, values) {
    if (values.category && entry.category !== values.category) return false;
    if (values.tag && entry.tags.indexOf(values.tag) < 0) return false;
    if (values.scripts && !entry.scripts) return false;
    if (values.compatibility === "*") return entry.compatibility !== "";
    if (values.compatibility && entry.compatibility !== values.compatibility) return false;
    return true;
  }

  function byName(a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; }
  function byUpdated(a, b) {
    return a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : byName(a, b);
  }

  function apply() {
    var values = state();
    var shown = 0;
    var sorted = entries.slice().sort(values.sort === "updated" ? byUpdated : byName);
    sorted.forEach(function (entry) {
      var visible = matches(entry, values);
      entry.item.hidden = !visible;
      if (visible) shown += 1;
      list.appendChild(entry.item);
    });
    count.textContent = shown === entries.length
      ? entries.length + (entries.length === 1 ? " skill" : " skills")
      : shown + " of " + entries.length + " skills";
    writeUrl(values);
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  // Tag links on this page filter in place instead of reloading it.
  list.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.skillsite-tag");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var tag = new URL(link.href).searchParams.get("tag");
    if (tag === null || !hasOption(form.elements.tag, tag)) return;
    event.preventDefault();
    form.elements.tag.value = tag;
    apply();
    form.elements.tag.focus();
  });
  readUrl();
  apply();
})();
