// Glossary term tooltips. CSS already shows a term's definition when its link is hovered
// or focused; this small script adds what CSS cannot: on a touch screen the first tap on
// a term shows its definition and a second tap follows the link, and Escape closes an
// open definition. Without JavaScript the links and the page work as before.
(function () {
  "use strict";
  var OPEN = "hb-open";
  var DISMISSED = "hb-dismissed";
  var lastPointer = "mouse";

  function wrapOf(node) {
    return node && node.closest ? node.closest(".hb-term-wrap") : null;
  }

  function closeAll(except) {
    document.querySelectorAll(".hb-term-wrap." + OPEN).forEach(function (wrap) {
      if (wrap !== except) wrap.classList.remove(OPEN);
    });
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
  }, true);

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.hb-term") : null;
    var wrap = wrapOf(link);
    if (!wrap) {
      if (!wrapOf(event.target)) closeAll(null);
      return;
    }
    if (lastPointer === "touch" && !wrap.classList.contains(OPEN)) {
      event.preventDefault();
      closeAll(wrap);
      wrap.classList.remove(DISMISSED);
      wrap.classList.add(OPEN);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".hb-term-wrap:hover, .hb-term-wrap:focus-within, .hb-term-wrap." + OPEN)
      .forEach(function (wrap) {
        wrap.classList.remove(OPEN);
        wrap.classList.add(DISMISSED);
      });
  });

  function forgetDismissal(event) {
    var wrap = wrapOf(event.target);
    if (wrap && !wrap.contains(event.relatedTarget)) wrap.classList.remove(DISMISSED);
  }
  document.addEventListener("mouseout", forgetDismissal);
  document.addEventListener("focusout", forgetDismissal);
})();
