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
