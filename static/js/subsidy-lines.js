// "Add a person" on the subsidy application form without a round trip: copy the blank row of
// the <template> into the table and count it in the formset's TOTAL_FORMS. Without JavaScript
// the button posts the form, which comes back with one more row and everything typed kept.
(function () {
  "use strict";
  var button = document.querySelector("[data-add-row]");
  var template = document.getElementById("staff-row-template");
  var rows = document.querySelector("[data-staff-rows]");
  var total = document.getElementById("id_lines-TOTAL_FORMS");
  if (!button || !template || !rows || !total) return;
  var max = parseInt(button.getAttribute("data-max-rows"), 10);
  button.addEventListener("click", function (event) {
    var count = parseInt(total.value, 10);
    if (isNaN(count) || count >= max) return; // let the server answer
    event.preventDefault();
    var html = template.innerHTML.replace(/__prefix__/g, String(count));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(count + 1);
    if (count + 1 >= max) button.hidden = true;
    var first = rows.lastElementChild.querySelector("input, select");
    if (first) first.focus();
  });
})();
