// The viewer's app: plain JavaScript over the simulator's /user and /viewer/api endpoints (no build step).
// Everything from the server is written with textContent, never as markup.
"use strict";

(function () {
  const state = { userId: null, list: [], modelVersion: null, previous: new Set() };
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === "class") { e.className = v; } else { e.setAttribute(k, v); }
    });
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function say(message, isError) {
    const status = $("status");
    status.textContent = message;
    status.classList.toggle("error", Boolean(isError));
  }

  // fetch + JSON; a problem+json answer becomes an Error with its detail.
  async function call(method, url, body) {
    const init = { method: method, headers: { "Accept": "application/json" } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(url, init);
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (!response.ok) {
      throw new Error(json && json.detail ? json.detail : response.status + " " + response.statusText);
    }
    return json;
  }

  async function openUser(userId) {
    say("Opening user " + userId + " …");
    const user = await call("GET", "/user/" + encodeURIComponent(userId));
    state.userId = user.user_id;
    state.previous = new Set();
    state.list = [];
    showProfile(user);
    await loadList(null);
    $("activity").hidden = false;
    loadActivity();
  }

  function showProfile(user) {
    $("profile").hidden = false;
    $("profile-id").textContent = user.user_id;
    const dl = $("demographics");
    dl.replaceChildren();
    [["Age band", user.age], ["Gender", user.gender], ["Occupation", user.occupation]].forEach(([k, v]) => {
      dl.append(el("dt", {}, k), el("dd", {}, v));
    });
  }

  // Loads the list; with `changedAfter` (a movie just rated), marks the movies that are new since the last list.
  async function loadList(changedAfter) {
    const list = await call("GET", "/viewer/api/users/" + state.userId + "/recommendations");
    if (list.error) {
      say("The recommender did not answer: " + list.error, true);
    }
    const before = new Set(state.list.map((c) => c.movieId));
    state.list = list.cards;
    state.modelVersion = list.modelVersion;
    renderServing(list);
    renderCards(list.cards, changedAfter ? before : new Set(list.cards.map((c) => c.movieId)));
    $("recommendations").hidden = false;
    const fresh = list.cards.filter((c) => !before.has(c.movieId)).length;
    if (changedAfter) {
      say("Your list changed: " + fresh + " new " + (fresh === 1 ? "movie" : "movies") + " (highlighted).");
    } else if (!list.error) {
      say(list.cards.length + " recommendations for user " + state.userId + ".");
    }
    return list;
  }

  function renderServing(list) {
    const parts = [];
    if (list.modelVersion) { parts.push("model " + list.modelVersion); }
    parts.push(list.experiment ? "experiment " + list.experiment + ", arm " + list.arm : "no experiment");
    if (list.fallback) { parts.push("fallback: " + list.fallback); }
    $("serving").textContent = "Served by " + parts.join(" · ");
    $("serving").dataset.modelVersion = list.modelVersion || "";
  }

  function renderCards(cards, known) {
    const ol = $("cards");
    ol.replaceChildren();
    cards.forEach((card) => {
      const isNew = !known.has(card.movieId);
      const li = el("li", { "class": "card" + (isNew ? " changed" : ""), "data-movie-id": card.movieId });
      const title = el("h3", {}, card.title);
      if (isNew) { title.append(el("span", { "class": "badge" }, "New")); }
      li.append(title);
      li.append(el("p", { "class": "meta" }, card.year + " · " + card.genres.join(", ")));
      li.append(el("p", { "class": "meta" }, "Popularity " + card.popularity.toFixed(1) + " · " + card.runtime + " min"));
      const actions = el("div", { "class": "actions" });
      const watch = el("button", { "type": "button", "class": "watch", "aria-label": "Watch " + card.title }, "Watch");
      watch.addEventListener("click", () => act(watchMovie, card, watch));
      actions.append(watch);
      const rate = el("div", { "class": "rate", "role": "group", "aria-label": "Rate " + card.title });
      for (let r = 1; r <= 5; r++) {
        const b = el("button", { "type": "button", "class": "star", "data-rating": String(r),
          "aria-label": "Rate " + card.title + " " + r + " out of 5" }, "★" + r);
        b.addEventListener("click", () => act(rateMovie, card, b, r));
        rate.append(b);
      }
      actions.append(rate);
      const why = el("button", { "type": "button", "class": "why", "aria-expanded": "false",
        "aria-controls": "why-" + cssId(card.movieId) }, "Why this?");
      const because = el("p", { "class": "because", "id": "why-" + cssId(card.movieId), "hidden": "" });
      why.addEventListener("click", () => act(explain, card, why, because));
      actions.append(why);
      li.append(actions, because);
      ol.append(li);
    });
  }

  function cssId(movieId) { return movieId.replace(/[^a-z0-9]/gi, "-"); }

  async function act(action, card, button, ...rest) {
    button.disabled = true;
    try {
      await action(card, button, ...rest);
    } catch (e) {
      say(e.message, true);
    } finally {
      button.disabled = false;
    }
  }

  async function watchMovie(card) {
    const answer = await call("POST", "/viewer/api/users/" + state.userId + "/watches", { movieId: card.movieId });
    say("You watched " + card.title + " (" + answer.minutes + " minutes streamed).");
  }

  // Rates, then asks for the list again until the rated movie has left it (the rating is folded in within a second
  // or so); gives up after a few tries and shows the list as it is.
  async function rateMovie(card, button, rating) {
    await call("POST", "/viewer/api/users/" + state.userId + "/ratings", { movieId: card.movieId, rating: rating });
    say("You rated " + card.title + " " + rating + " out of 5. Updating your list …");
    for (let attempt = 0; attempt < 10; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const list = await call("GET", "/viewer/api/users/" + state.userId + "/recommendations");
      if (!list.cards.some((c) => c.movieId === card.movieId) || attempt === 9) {
        const before = new Set(state.list.map((c) => c.movieId));
        state.list = list.cards;
        state.modelVersion = list.modelVersion;
        renderServing(list);
        renderCards(list.cards, before);
        const fresh = list.cards.filter((c) => !before.has(c.movieId)).length;
        say("You rated " + card.title + " " + rating + " out of 5. Your list changed: " + fresh + " new "
          + (fresh === 1 ? "movie" : "movies") + " (highlighted).");
        return;
      }
    }
  }

  async function explain(card, button, because) {
    const open = button.getAttribute("aria-expanded") === "true";
    if (open) {
      button.setAttribute("aria-expanded", "false");
      because.hidden = true;
      return;
    }
    if (!state.modelVersion) {
      because.textContent = "No model version served this list, so there is nothing to explain.";
    } else {
      const answer = await call("GET", "/viewer/api/users/" + state.userId + "/explanations?model="
        + encodeURIComponent(state.modelVersion));
      const liked = answer.because[card.movieId];
      because.textContent = !liked ? "Model " + answer.modelVersion + " no longer recommends this movie."
        : liked.length === 0 ? "Popular with everyone: you have not rated a movie like it 4 or 5 yet."
        : "Because you liked " + liked.map((m) => m.title).join(", ") + ".";
    }
    because.hidden = false;
    button.setAttribute("aria-expanded", "true");
  }

  async function loadActivity() {
    const body = $("activity-body");
    try {
      const a = await call("GET", "/viewer/api/users/" + state.userId + "/activity");
      body.replaceChildren(totals(a.totals), errors(a.errors), watches(a.watches), ratings(a.ratings), lists(a.lists));
    } catch (e) {
      body.replaceChildren(el("p", { "class": "error" }, "No history yet: " + e.message));
    }
  }

  function totals(t) {
    const d = el("div", { "id": "analytics" });
    d.append(el("h3", {}, "How your recommendations did"));
    const dl = el("dl", { "class": "totals" });
    [["Lists shown", t.lists], ["Lists you watched from", t.watchedLists], ["Movies shown", t.moviesShown],
      ["Shown, then watched", t.shownWatched], ["Shown, then watched to the end", t.shownFinished],
      ["Shown, then rated", t.shownRated]].forEach(([k, v]) => dl.append(el("dt", {}, k), el("dd", {}, v)));
    d.append(dl);
    return d;
  }

  function errors(list) {
    const d = el("div", { "id": "errors" });
    if (list.length === 0) { return d; }
    d.append(el("h3", {}, "How well each model predicted your ratings"));
    const ul = el("ul");
    list.forEach((e) => ul.append(el("li", {}, "model " + e.modelVersion + ": RMSE " + e.rmse.toFixed(2)
      + " over " + e.ratings + (e.ratings === 1 ? " rating" : " ratings"))));
    d.append(ul);
    return d;
  }

  function watches(list) {
    const d = el("div", { "id": "watches" });
    d.append(el("h3", {}, "Watched"));
    const ul = el("ul");
    list.forEach((w) => ul.append(el("li", { "data-movie-id": w.movieId }, w.title + " — " + w.minutesWatched + " of "
      + w.runtime + " min" + (w.finished ? " (to the end)" : ""))));
    d.append(list.length ? ul : el("p", {}, "Nothing yet."));
    return d;
  }

  function ratings(list) {
    const d = el("div", { "id": "ratings" });
    d.append(el("h3", {}, "Rated"));
    const ul = el("ul");
    list.forEach((r) => ul.append(el("li", { "data-movie-id": r.movieId }, r.title + " — " + r.rating + " out of 5")));
    d.append(list.length ? ul : el("p", {}, "Nothing yet."));
    return d;
  }

  function lists(served) {
    const d = el("div", { "id": "served-lists", "class": "table-scroll" });
    d.append(el("h3", {}, "Lists you were shown"));
    if (served.length === 0) { d.append(el("p", {}, "None yet.")); return d; }
    const table = el("table");
    table.append(el("caption", { "class": "help" }, "Newest first; what came of each list"));
    const head = el("tr");
    ["Served at", "Model", "Arm", "Watched", "To the end", "Rated"].forEach((h) => head.append(el("th", { "scope": "col" }, h)));
    const thead = el("thead");
    thead.append(head);
    table.append(thead);
    const tbody = el("tbody");
    served.forEach((s) => {
      const tr = el("tr");
      [new Date(s.servedAt).toLocaleString(), s.modelVersion + (s.fallback ? " (popular)" : ""),
        s.experiment ? s.experiment + "/" + s.arm : "—", s.watched || "—", s.finished + " of " + s.shown,
        s.rated + " of " + s.shown].forEach((v) => tr.append(el("td", {}, v)));
      tbody.append(tr);
    });
    table.append(tbody);
    d.append(table);
    return d;
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("pick-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const id = $("user-id").value.trim();
      if (!/^[1-9][0-9]{0,17}$/.test(id)) {
        say("A user id is a whole number from 1.", true);
        $("user-id").focus();
        return;
      }
      openUser(id).catch((e) => say(e.message, true));
    });
    $("create-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const body = { age: Number($("age").value), gender: $("gender").value, occupation: $("occupation").value };
      call("POST", "/user", body).then((user) => {
        $("user-id").value = user.user_id;
        return openUser(String(user.user_id));
      }).catch((e) => say(e.message, true));
    });
    $("refresh-activity").addEventListener("click", loadActivity);
  });
})();
