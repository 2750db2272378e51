// A conversation's page, on top of site.js; the page works the same without it.
(function () {
  "use strict";

  // On its newest page, what arrives is added: the page is read again, which reads the
  // conversation, as opening it does. The newest messages and the box are at the bottom.
  document.addEventListener("DOMContentLoaded", function () {
    var chat = document.querySelector("#chat[data-live]");
    if (!chat) return;
    if (chat.lastElementChild && !location.hash) chat.lastElementChild.scrollIntoView({ block: "nearest" });

    function refresh() {
      fetch(chat.getAttribute("data-live"), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          var fresh = html && new DOMParser().parseFromString(html, "text/html").getElementById("chat");
          if (!fresh) return;
          chat.innerHTML = fresh.innerHTML;
          if (window.jotShowTimes) window.jotShowTimes(chat);
          if (chat.lastElementChild) chat.lastElementChild.scrollIntoView({ block: "nearest" });
        })
        .catch(function () {});
    }

    // A message in this conversation joins it instead of making a notice.
    document.addEventListener("jot:notification", function (event) {
      var news = event.detail;
      if (news.kind === "message" && news.notice && news.notice.url === chat.getAttribute("data-live")) {
        event.preventDefault();
        refresh();
      }
    });
  });
})();
