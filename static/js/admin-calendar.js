// The workspace calendar by keyboard (an enhancement: links and Tab work without it).
// Arrow keys move between the calendar's items: up and down within a day, left and right to the
// nearest day that has items. Alt+PageUp / Alt+PageDown go to the previous / next week or month.
(function () {
  "use strict";
  var root = document.querySelector("[data-calendar]");
  if (!root) return;
  var days = Array.prototype.slice.call(root.querySelectorAll("[data-day]"));
  function items(day) { return Array.prototype.slice.call(day.querySelectorAll("a.cal-item")); }
  root.addEventListener("keydown", function (event) {
    var item = event.target.closest && event.target.closest("a.cal-item");
    if (!item || event.altKey || event.ctrlKey || event.metaKey) return;
    var day = item.closest("[data-day]");
    var index = days.indexOf(day);
    var own = items(day);
    var target = null;
    if (event.key === "ArrowDown") target = own[own.indexOf(item) + 1];
    if (event.key === "ArrowUp") target = own[own.indexOf(item) - 1];
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      var step = event.key === "ArrowRight" ? 1 : -1;
      for (var i = index + step; i >= 0 && i < days.length && !target; i += step) target = items(days[i])[0];
    }
    if (target) { event.preventDefault(); target.focus(); }
  });
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || (event.key !== "PageUp" && event.key !== "PageDown")) return;
    var link = root.querySelector(event.key === "PageUp" ? "a.ws-prev" : "a.ws-next");
    if (link) { event.preventDefault(); window.location.href = link.href; }
  });
})();
