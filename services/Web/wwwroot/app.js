// Reports the browser's time zone (a cookie the server reads), so times show in the viewer's own zone before they sign
// in, and prefills a time zone field that is still empty. No other script runs on these pages besides Blazor's.
(function () {
  var zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { zone = ""; }
  if (!zone) { return; }
  var current = document.cookie.split("; ").find(function (c) { return c.indexOf("tz=") === 0; });
  if (!current || decodeURIComponent(current.substring(3)) !== zone) {
    document.cookie = "tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; samesite=lax";
  }
  // The first page a browser sees is rendered before the server knows its zone (the cookie above comes with the next
  // request): rewrite its times in the browser's zone, in the server's format ("Wed 23 Dec 2026, 19:00").
  function localize() {
    var main = document.getElementById("main");
    if (!main || main.dataset.timeZoneSource !== "default" || main.dataset.timeZone === zone) { return; }
    var day = new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "short", day: "numeric", month: "short", year: "numeric" });
    var clock = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    function part(parts, type) { var p = parts.find(function (x) { return x.type === type; }); return p ? p.value : ""; }
    document.querySelectorAll("time[data-format]").forEach(function (element) {
      var at = new Date(element.getAttribute("datetime"));
      if (isNaN(at.getTime())) { return; }
      var parts = day.formatToParts(at);
      var date = part(parts, "weekday") + " " + part(parts, "day") + " " + part(parts, "month") + " " + part(parts, "year");
      element.textContent = element.dataset.format === "time" ? clock.format(at) : date + ", " + clock.format(at);
    });
    document.querySelectorAll("[data-zone-label]").forEach(function (element) { element.textContent = zone.replace(/_/g, " "); });
    main.dataset.timeZone = zone;
  }
  function prefill() {
    document.querySelectorAll("[data-detect-time-zone]").forEach(function (input) {
      if (!input.value) { input.value = zone; }
    });
  }
  function enhance() { prefill(); localize(); }
  document.addEventListener("DOMContentLoaded", function () {
    enhance();
    // Enhanced navigation swaps the page without loading it again.
    if (window.Blazor && window.Blazor.addEventListener) { window.Blazor.addEventListener("enhancedload", enhance); }
  });
  enhance();
})();
