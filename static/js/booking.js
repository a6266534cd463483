/* Booking pages, enhanced. Every page works without this file; with it:
 *  - the month view shows a day's free times in place and moves between months in place, using
 *    the public availability API (/api/v1/availability/); any failure falls back to the link;
 *  - the details form shows the invoicing details only when an organisation pays.
 * The texts come translated from the page (the JSON block "booking-calendar-config"). */
(function () {
  "use strict";

  function invoicingToggle() {
    var fieldset = document.querySelector("fieldset[data-toggle-by]");
    var box = fieldset && document.getElementById(fieldset.getAttribute("data-toggle-by"));
    if (!box) return;
    var filled = Array.prototype.some.call(fieldset.querySelectorAll("input, textarea"), function (el) {
      return el.value.trim() !== "";
    });
    function sync() { fieldset.hidden = !box.checked && !filled; }
    box.addEventListener("change", function () { filled = false; sync(); });
    sync();
  }

  invoicingToggle();

  var configElement = document.getElementById("booking-calendar-config");
  var root = document.getElementById("booking-calendar");
  var panel = document.getElementById("day-times");
  if (!configElement || !root || !panel || !window.fetch) return;
  var config = JSON.parse(configElement.textContent);
  var text = config.text;
  var months = {}; // "YYYY-MM" → promise of {"YYYY-MM-DD": [slot, …]}
  var shown = config.month;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  function parts(iso) { return iso.split("-").map(Number); } // "2027-03-01" → [2027, 3, 1]
  function monthKey(y, m) { return y + "-" + pad(m); }
  function addMonths(key, n) {
    var p = parts(key), index = p[0] * 12 + p[1] - 1 + n;
    return monthKey(Math.floor(index / 12), index % 12 + 1);
  }
  function daysIn(y, m) { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }
  function mondayIndex(y, m, d) { return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; }
  function monthTitle(key) { var p = parts(key); return config.months[p[1] - 1] + " " + p[0]; }
  function dayLabel(iso) {
    var p = parts(iso), weekday = config.weekdays[mondayIndex(p[0], p[1], p[2])];
    if (config.lang === "en") return weekday + " " + p[2] + " " + config.monthsShort[p[1] - 1] + " " + p[0];
    return weekday + " " + p[2] + "." + p[1] + "." + p[0];
  }
  // Slots come with the Helsinki offset, so their wall-clock time is in the string itself.
  function clock(iso) {
    var hhmm = iso.substr(11, 5);
    return config.lang === "en" ? hhmm : hhmm.replace(":", ".");
  }
  function count(n) { return fill(n === 1 ? text.one : text.many, { n: n }); }
  function element(tag, attributes, children) {
    var el = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { el.setAttribute(name, attributes[name]); });
    (children || []).forEach(function (child) {
      el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return el;
  }
  function hidden(textContent) { return element("span", { "class": "visually-hidden" }, [textContent]); }

  function load(key) {
    if (!months[key]) {
      var p = parts(key);
      var query = new URLSearchParams({
        session_type: config.sessionType,
        modality: config.modality,
        from: key + "-01",
        to: key + "-" + pad(daysIn(p[0], p[1]))
      });
      months[key] = fetch(config.api + "?" + query.toString(), { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error("availability " + response.status);
          return response.json();
        })
        .then(function (data) {
          var byDay = {};
          data.slots.forEach(function (slot) {
            var day = slot.start.substr(0, 10);
            (byDay[day] = byDay[day] || []).push(slot);
          });
          return byDay;
        });
      months[key].catch(function () { delete months[key]; });
    }
    return months[key];
  }

  function dayCell(iso, slots) {
    var today = iso === config.today;
    var label = dayLabel(iso) + (today ? " (" + text.today + ")" : "") + ", ";
    var number = element("span", { "class": "num", "aria-hidden": "true" }, [String(parts(iso)[2])]);
    if (!slots) {
      return element("td", { "class": "off" + (today ? " today" : "") }, [number, hidden(label + text.none)]);
    }
    var link = element("a", { href: config.dayUrl + iso, "data-date": iso }, [number, hidden(label + count(slots.length))]);
    if (today) link.setAttribute("aria-current", "date");
    return element("td", { "class": "free" + (today ? " today" : "") }, [link]);
  }

  function navLink(cls, key, label, rel) {
    var title = monthTitle(key), arrow = element("span", { "aria-hidden": "true" }, [rel === "prev" ? "←" : "→"]);
    var children = rel === "prev" ? [arrow, " ", hidden(label + ": "), title] : [hidden(label + ": "), title, " ", arrow];
    return element("a", { "class": cls, href: config.monthUrl + key, rel: rel }, children);
  }

  function renderMonth(key, byDay) {
    var p = parts(key), first = mondayIndex(p[0], p[1], 1), total = daysIn(p[0], p[1]);
    var body = root.querySelector("tbody");
    var rows = [], row = [], freeDays = 0;
    for (var i = 0; i < first; i++) row.push(element("td", { "class": "outside" }));
    for (var d = 1; d <= total; d++) {
      var iso = key + "-" + pad(d);
      if (byDay[iso]) freeDays++;
      row.push(dayCell(iso, byDay[iso]));
      if (row.length === 7) { rows.push(element("tr", {}, row)); row = []; }
    }
    if (row.length) {
      while (row.length < 7) row.push(element("td", { "class": "outside" }));
      rows.push(element("tr", {}, row));
    }
    body.replaceChildren.apply(body, rows);
    root.querySelector(".month-title").textContent = monthTitle(key);
    root.querySelector(".month-status").textContent = freeDays
      ? fill(freeDays === 1 ? text.daysOne : text.daysMany, { n: freeDays })
      : text.noDays;
    var nav = root.querySelector(".month-nav");
    var previous = addMonths(key, -1), next = addMonths(key, 1);
    nav.replaceChildren(
      previous >= config.today.substr(0, 7) ? navLink("month-prev", previous, text.previous, "prev") : element("span"),
      next <= config.lastDay.substr(0, 7) ? navLink("month-next", next, text.next, "next") : element("span")
    );
    shown = key;
    panel.hidden = true;
    panel.replaceChildren();
    if (window.history && history.replaceState) history.replaceState(null, "", config.monthUrl + key);
  }

  function showDay(link, iso, slots) {
    Array.prototype.forEach.call(root.querySelectorAll("a.selected"), function (a) {
      a.classList.remove("selected");
    });
    link.classList.add("selected");
    var heading = element("h2", { id: "day-times-title", tabindex: "-1" }, [fill(text.timesHeading, { day: dayLabel(iso) })]);
    var content;
    if (slots && slots.length) {
      content = element("ul", { "class": "times" }, slots.map(function (slot) {
        var start = slot.start.substr(0, 16);
        return element("li", {}, [element("a", { "class": "time", href: config.timeUrl + encodeURIComponent(start) }, [
          clock(slot.start), element("span", { "class": "until" }, ["–" + clock(slot.end)])
        ])]);
      }));
    } else {
      content = element("p", { "class": "notice" }, [text.noTimes]);
    }
    panel.replaceChildren(heading, content);
    panel.hidden = false;
    heading.focus();
  }

  root.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target.closest("a");
    if (!link || !root.contains(link)) return;
    var iso = link.getAttribute("data-date");
    var target;
    if (iso) {
      event.preventDefault();
      load(iso.substr(0, 7)).then(function (byDay) { showDay(link, iso, byDay[iso]); })
        .catch(function () { window.location.href = link.href; });
    } else if (link.classList.contains("month-prev") || link.classList.contains("month-next")) {
      event.preventDefault();
      target = addMonths(shown, link.classList.contains("month-prev") ? -1 : 1);
      root.setAttribute("aria-busy", "true");
      load(target).then(function (byDay) {
        renderMonth(target, byDay);
        var again = root.querySelector(link.classList.contains("month-prev") ? ".month-prev" : ".month-next");
        (again || root.querySelector(".month-title")).focus();
      }).catch(function () { window.location.href = link.href; })
        .then(function () { root.removeAttribute("aria-busy"); });
    }
  });
})();
