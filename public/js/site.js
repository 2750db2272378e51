// Progressive enhancements only: every page works the same without this file.
(function () {
  "use strict";

  // Put keyboard and screen-reader users straight on the first field that needs fixing.
  function focusFirstError() {
    var invalid = document.querySelector('[aria-invalid="true"]');
    if (invalid) invalid.focus();
  }

  // Times arrive as UTC text; show "3 minutes ago" in the reader's language, the full local date on
  // hover, and keep them fresh while the page stays open.
  var UNITS = [
    ["year", 365 * 24 * 3600],
    ["month", 30 * 24 * 3600],
    ["week", 7 * 24 * 3600],
    ["day", 24 * 3600],
    ["hour", 3600],
    ["minute", 60],
  ];
  var relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  var fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short" });
  var dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

  function relative(date, now) {
    // Nothing Jot shows lies ahead: a time "in 2 minutes" is the reader's clock running slow.
    var age = Math.max(0, (now - date.getTime()) / 1000);
    if (age < 45) return relativeFormat.format(0, "second");
    // Whole units, rounded down ("1 hour ago" until two hours have passed): never "60 seconds" or
    // "60 minutes ago"; from 45 seconds, "1 minute ago".
    for (var i = 0; i < UNITS.length; i++) {
      var unit = UNITS[i];
      if (age >= unit[1] || unit[0] === "minute") return relativeFormat.format(-Math.max(1, Math.floor(age / unit[1])), unit[0]);
    }
  }

  function showTimes(root) {
    var now = Date.now();
    root.querySelectorAll("time[datetime]").forEach(function (el) {
      var date = new Date(el.getAttribute("datetime"));
      if (isNaN(date.getTime())) return;
      el.title = fullFormat.format(date);
      el.textContent = el.getAttribute("data-style") === "date" ? dateFormat.format(date) : relative(date, now);
    });
  }

  // The user popover: hovering or focusing a name for half a second shows who it is. The card goes
  // right after the name in the document, so Tab moves from the name into the card's buttons.
  var POPOVER_DELAY_MS = 500;
  var CLOSE_GRACE_MS = 300;
  var popover = { link: null, card: null, openTimer: 0, closeTimer: 0, request: null };
  // The name whose card Escape closed: it stays closed until the pointer or focus moves on.
  var dismissed = null;

  function userLink(target) {
    var link = target instanceof Element ? target.closest("a.user-link") : null;
    return link && !link.closest(".popover") ? link : null;
  }

  function insidePopover(node) {
    return node instanceof Node && ((popover.link && popover.link.contains(node)) || (popover.card && popover.card.contains(node)));
  }

  function closePopover(returnFocus) {
    clearTimeout(popover.openTimer);
    clearTimeout(popover.closeTimer);
    if (popover.request) popover.request.abort();
    if (popover.card) popover.card.remove();
    if (popover.link) {
      popover.link.removeAttribute("aria-expanded");
      popover.link.removeAttribute("aria-controls");
      if (returnFocus) popover.link.focus();
    }
    popover.link = popover.card = popover.request = null;
  }

  function scheduleOpen(link) {
    if (link === dismissed) return;
    if (popover.link === link) {
      clearTimeout(popover.closeTimer);
      return;
    }
    closePopover(false);
    popover.link = link;
    popover.openTimer = setTimeout(function () { openPopover(link); }, POPOVER_DELAY_MS);
  }

  // The keyboard keeps a card open while focus is on its name or in it, whatever the pointer does.
  function focusHolds() {
    return insidePopover(document.activeElement);
  }

  function scheduleClose() {
    if (focusHolds()) return;
    clearTimeout(popover.closeTimer);
    popover.closeTimer = setTimeout(function () {
      if (!focusHolds()) closePopover(false);
    }, CLOSE_GRACE_MS);
  }

  var NOT_LOADED = "<p>This profile could not be loaded.</p>";

  function cardContent(response, html) {
    if (response.ok || response.status === 401) return html;
    return response.status === 404 ? "<p>There is no such user any more.</p>" : NOT_LOADED;
  }

  function openPopover(link) {
    var controller = new AbortController();
    popover.request = controller;
    fetch(link.pathname.replace(/\/$/, "") + "/popup", { credentials: "same-origin", signal: controller.signal })
      .then(function (response) {
        return response.text().then(function (html) { return cardContent(response, html); });
      })
      .catch(function (error) {
        return error.name === "AbortError" ? null : NOT_LOADED;
      })
      .then(function (html) {
        if (html === null || popover.link !== link) return;
        var card = document.createElement("div");
        card.className = "popover";
        card.setAttribute("role", "group");
        card.setAttribute("aria-label", "About " + link.textContent.trim());
        card.id = "popover";
        // The fragment is Jot's own escaped HTML, fetched from this site; the CSP forbids inline script.
        card.innerHTML = html;
        card.querySelectorAll('input[name="next"]').forEach(function (input) {
          input.value = location.pathname + location.search;
        });
        showTimes(card);
        link.insertAdjacentElement("afterend", card);
        link.setAttribute("aria-expanded", "true");
        link.setAttribute("aria-controls", card.id);
        placeCard(link, card);
        popover.card = card;
        popover.request = null;
      });
  }

  // Below the name, kept inside the window on narrow screens.
  // Above the name where the screen has room for it, so that it does not cover the post being read;
  // below it otherwise. Inside the screen's width either way.
  function placeCard(link, card) {
    var above = link.getBoundingClientRect().top - card.offsetHeight - 6 >= 8;
    card.style.top = (above ? link.offsetTop - card.offsetHeight - 6 : link.offsetTop + link.offsetHeight + 6) + "px";
    var left = link.offsetLeft;
    var overflow = link.getBoundingClientRect().left + card.offsetWidth - (document.documentElement.clientWidth - 12);
    if (overflow > 0) left -= overflow;
    card.style.left = left + "px";
  }

  function attachPopovers() {
    document.addEventListener("mouseover", function (event) {
      var link = userLink(event.target);
      if (link) scheduleOpen(link);
      else if (insidePopover(event.target)) clearTimeout(popover.closeTimer);
    });
    document.addEventListener("mouseout", function (event) {
      if (dismissed && event.target === dismissed) dismissed = null;
      if (!popover.link || !insidePopover(event.target) || insidePopover(event.relatedTarget)) return;
      // Leaving before the card shows cancels it; once shown, there is a moment to reach the card.
      if (popover.card) scheduleClose();
      else if (!focusHolds()) closePopover(false);
    });
    document.addEventListener("focusin", function (event) {
      var link = userLink(event.target);
      if (link !== dismissed) dismissed = null;
      if (link) scheduleOpen(link);
      else if (popover.link && !insidePopover(event.target)) closePopover(false);
    });
    document.addEventListener("focusout", function (event) {
      if (popover.link && insidePopover(event.target) && !insidePopover(event.relatedTarget)) {
        // Focus that left the page entirely (another window) keeps the card.
        if (event.relatedTarget) closePopover(false);
      }
    });
    // A phone turning, or its address bar hiding, changes the width: the card follows its name.
    window.addEventListener("resize", function () {
      if (popover.card) placeCard(popover.link, popover.card);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !popover.link) return;
      dismissed = popover.link;
      closePopover(insidePopover(document.activeElement));
    });
  }

  // Live notifications. One tab per browser and user holds the event stream (a Web Lock decides
  // which, and the next tab takes over when it closes) and passes each event to the others on a
  // BroadcastChannel: a browser keeps only about six connections open to a site over HTTP/1.1, and
  // a stream in every tab would use them up. Both are named for the user, so a tab left over from
  // another login neither hears nor speaks for this one. The browser reconnects a dropped stream by
  // itself, resuming after the last event it had; one that is refused (a proxy's error page, too
  // many tabs) is caught up by a poll of the same news and tried again, with growing pauses. Where
  // there is no EventSource the news is polled every 30 seconds. Logged out, it all stops.
  var POLL_MS = 30 * 1000;
  var FIRST_RETRY_MS = 5 * 1000;
  var NOTICE_MS = 10 * 1000;
  var MOST_NOTICES = 3;

  function attachNotifications() {
    var badge = document.getElementById("unread-badge");
    var notificationsBadge = document.getElementById("notifications-badge");
    var notices = document.getElementById("live-notices");
    if (!badge || !notices) return;
    var name = "jot-notifications-" + notices.getAttribute("data-user");
    var channel = window.BroadcastChannel && navigator.locks ? new BroadcastChannel(name) : null;
    // The number of the newest notification heard (at first, the one the page was rendered with):
    // a new stream or a poll starts after it, so nothing arriving meanwhile goes unannounced.
    var lastSeq = Number(notices.getAttribute("data-seq")) || 0;

    // The server says what a notice says and where it leads ("ann liked your post").
    function showNotice(notification) {
      if (!notification.notice) return;
      var notice = document.createElement("p");
      var link = document.createElement("a");
      notice.className = "live-notice";
      link.href = notification.notice.url;
      link.textContent = notification.notice.text;
      notice.appendChild(link);
      while (notices.children.length >= MOST_NOTICES) notices.firstElementChild.remove();
      notices.appendChild(notice);
      setTimeout(function () { notice.remove(); }, NOTICE_MS);
    }

    function setCount(shown, count) {
      if (!shown || typeof count !== "number") return;
      shown.querySelector(".badge-count").textContent = count > 99 ? "99+" : String(count);
      shown.hidden = !count;
    }

    // An event: the unread counts now, and the notification itself when it has an id, which other
    // scripts hear of too (messages.js) before it becomes a notice.
    function show(event) {
      setCount(badge, event.unread);
      setCount(notificationsBadge, event.unreadNotifications);
      if (!event.id) return;
      // Heard here, whichever tab streamed it: a tab that takes the stream over does not announce it again.
      lastSeq = Math.max(lastSeq, event.id);
      // A page that shows it already (an open conversation) says so by cancelling the event.
      if (document.dispatchEvent(new CustomEvent("jot:notification", { detail: event, cancelable: true }))) showNotice(event);
    }

    function receive(event) {
      show(event);
      if (channel) channel.postMessage(event);
    }

    // Resolves only when there is nothing more to hear (logged out): a Web Lock is held as long.
    function listen() {
      return new Promise(function (done) {
        var pause = FIRST_RETRY_MS;

        function stream() {
          var source = new EventSource("/notifications/stream?after=" + lastSeq);
          source.addEventListener("open", function () { pause = FIRST_RETRY_MS; });
          source.addEventListener("message", function (event) {
            var seq = Number(event.lastEventId.split("-")[1]);
            if (seq > lastSeq) lastSeq = seq;
            receive(JSON.parse(event.data));
          });
          source.addEventListener("error", function () {
            if (source.readyState !== EventSource.CLOSED) return;
            setTimeout(function () { poll(true); }, pause);
            pause = Math.min(pause * 2, POLL_MS);
          });
        }

        function poll(thenStream) {
          function next() {
            if (thenStream) stream();
            else setTimeout(function () { poll(false); }, POLL_MS);
          }
          fetch("/notifications?since=" + lastSeq, { headers: { accept: "application/json" } })
            .then(function (response) {
              if (response.status === 401) return done();
              if (!response.ok) return next();
              return response.json().then(function (news) {
                var counts = { unread: news.unread, unreadNotifications: news.unreadNotifications };
                receive(counts);
                news.notifications.forEach(function (n) { receive(Object.assign({}, n, counts)); });
                lastSeq = news.last;
                next();
              });
            })
            .catch(next);
        }

        if (window.EventSource) stream();
        else poll(false);
      });
    }

    if (channel) {
      channel.addEventListener("message", function (event) { show(event.data); });
      navigator.locks.request(name, listen);
    } else {
      listen();
    }
  }

  // A short line in the corner, as a live notification shows, gone after a while.
  function say(text) {
    var notices = document.getElementById("live-notices");
    if (!notices) return;
    var notice = document.createElement("p");
    notice.className = "live-notice";
    notice.textContent = text;
    notices.appendChild(notice);
    setTimeout(function () { notice.remove(); }, NOTICE_MS);
  }

  // "More" at the end of each post's actions: Copy link on every post, Edit and Delete on one's own
  // (both lead to their pages, as the post's own page links them without script). Built here, so a
  // page of posts carries not a byte of it. A disclosure: Escape or a click elsewhere closes it.
  function attachMoreMenus() {
    var mine = document.querySelector(".nav-menu__items a[href^='/user/']");
    var open = null;

    function make(tag, properties, children) {
      var node = Object.assign(document.createElement(tag), properties);
      (children || []).forEach(function (child) { node.appendChild(child); });
      return node;
    }

    function close(refocus) {
      if (!open) return;
      open.nextSibling.hidden = true;
      open.setAttribute("aria-expanded", "false");
      if (refocus) open.focus();
      open = null;
    }

    document.querySelectorAll(".post[id] .post-actions").forEach(function (bar) {
      var time = bar.closest(".post").querySelector(".post-time");
      var author = bar.closest(".post").querySelector(".post-meta .user-link");
      if (!time || !author) return;
      var url = time.getAttribute("href");
      var items = [make("button", { type: "button", textContent: "Copy link", onclick: function () {
        close(true);
        (navigator.clipboard ? navigator.clipboard.writeText(time.href) : Promise.reject(new Error("no clipboard")))
          .then(function () { say("Link copied."); }, function () { say("Could not copy the link."); });
      } })];
      if (mine && author.getAttribute("href") === mine.getAttribute("href")) {
        items.push(make("a", { href: url + "/edit", textContent: "Edit" }), make("a", { href: url + "/delete", textContent: "Delete" }));
      }
      var button = make("button", { type: "button", onclick: function () {
        var wasOpen = open === button;
        close(false);
        if (wasOpen) return;
        button.nextSibling.hidden = false;
        button.setAttribute("aria-expanded", "true");
        open = button;
        button.nextSibling.querySelector("a, button").focus();
      } });
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-label", "More for " + author.textContent + "'s post");
      var list = make("ul", { hidden: true }, items.map(function (item) { return make("li", {}, [item]); }));
      bar.appendChild(make("span", { className: "post-more" }, [button, list]));
    });

    document.addEventListener("click", function (event) {
      if (open && !open.parentNode.contains(event.target)) close(false);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && open) close(true);
    });
  }

  // Repost and Like (and their undoing) are buttons of the form around a list of posts, which
  // brings one back to the post; with script they toggle in place, the count from the server's
  // answer, and go back as they were (with a notice) if it fails.
  function attachToggles() {
    function show(button, on, count) {
      button.setAttribute("aria-pressed", String(on));
      // Its name, and its count after it when there is one: "Like ann's post, 3 likes".
      var word = /repost$/.test(button.getAttribute("formaction")) ? "repost" : "like";
      var name = button.getAttribute("aria-label").replace(/, \d+ (like|repost)s?$/, "");
      button.setAttribute("aria-label", count > 0 ? name + ", " + count + " " + word + (count === 1 ? "" : "s") : name);
      button.textContent = count > 0 ? String(count) : "";
      button.setAttribute("formaction", button.getAttribute("formaction").replace(/\/(un)?(like|repost)$/, function (_, un, what) {
        return "/" + (on ? "un" : "") + what;
      }));
    }

    document.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || !button.matches(".post-actions > button")) return;
      event.preventDefault();
      if (button.disabled) return;
      var was = button.getAttribute("aria-pressed") === "true";
      var count = Number(button.textContent) || 0;
      var body = new URLSearchParams(new FormData(event.target));
      var action = button.getAttribute("formaction");
      show(button, !was, Math.max(0, count + (was ? -1 : 1)));
      button.disabled = true;
      fetch(action, { method: "POST", headers: { accept: "application/json" }, body: body })
        .then(function (response) {
          if (!response.ok) throw response;
          return response.json().then(function (answer) { show(button, answer.on, answer.count); });
        })
        .catch(function (failure) {
          show(button, was, count);
          var status = failure && failure.status;
          say(status === 404 ? "That post is gone." : status === 429 ? "That was too fast. Try again in a little while." : "That did not work. Please try again.");
        })
        .then(function () {
          button.disabled = false;
          button.focus();
        });
    });
  }

  // The profile menu opens without script; with it, a click elsewhere or Escape closes it too.
  function attachMenus() {
    var menus = document.querySelectorAll(".nav-menu details");
    document.addEventListener("click", function (event) {
      menus.forEach(function (menu) {
        if (menu.open && !menu.contains(event.target)) menu.open = false;
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      menus.forEach(function (menu) {
        if (!menu.open) return;
        menu.open = false;
        menu.querySelector("summary").focus();
      });
    });
  }

  // For the page scripts (messages.js): times in content added after the page loaded.
  window.jotShowTimes = showTimes;

  document.addEventListener("DOMContentLoaded", function () {
    showTimes(document);
    setInterval(function () { showTimes(document); }, 60 * 1000);
    attachPopovers();
    attachMenus();
    attachToggles();
    attachMoreMenus();
    attachNotifications();
    focusFirstError();
  });
})();
