// "Copy SKILL.md" copies the file's text exactly; Material's clipboard handler would trim
// its trailing newline.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-skillsite-copy]");
  if (!button || !navigator.clipboard) return;
  var source = document.getElementById(button.getAttribute("data-skillsite-copy"));
  if (!source) return;
  var label = button.getAttribute("data-skillsite-label") || button.textContent;
  button.setAttribute("data-skillsite-label", label);
  navigator.clipboard.writeText(source.textContent).then(function () {
    button.textContent = "Copied";
    setTimeout(function () { button.textContent = label; }, 1500);
  });
});

// Misspelt words: Material's search matches whole words and word beginnings only. Each
// plain word of five or more letters is also sent as a fuzzy term (one edit away), so
// "flakey" finds "flaky" while exact and prefix matches still rank first.
(function () {
  if (typeof Worker === "undefined") return;
  var QUERY = 2; // Material's search worker message type for a query
  var send = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      var words = message.data.split(/\s+/).filter(function (word) {
        return /^[a-z]{5,}$/i.test(word);
      });
      if (words.length && !/[~^:*+"]/.test(message.data)) {
        var fuzzy = words.map(function (word) { return word + "~1"; }).join(" ");
        arguments[0] = { type: message.type, data: message.data + " " + fuzzy };
      }
    }
    return send.apply(this, arguments);
  };
})();
