// The participants' phone page of a Journey Map Studio workshop room.
// Plain JavaScript, no build step, no external requests. Every text that comes from the map or
// from other people is put into the page with textContent / createElement, never as HTML.
"use strict";

(function () {
  const POLL_MS = 1500;
  const MAX_DELAY_MS = 10000;
  const MAX_FAILURES = 40; // about five minutes of retries, then a "try again" button
  const TIMEOUT_MS = 8000;
  const INBOX = "From the room";
  const STORE = "journeymap-room";

  const key = new URLSearchParams(window.location.search).get("key") || "";
  const $ = (id) => document.getElementById(id);

  let token = null;
  let myName = "";
  let map = null; // the map part: title, stages, lanes, the cards of the open vote
  let layout = null; // its id: the server leaves the map part out while we have it
  let vote = null; // the open vote: budget, lane, hidden, totals (unless hidden)
  let me = null; // this participant's dots
  let version = null;
  let failures = 0;
  let timer = null;
  let stopped = false;
  let rejoined = false;

  // ------------------------------------------------------------------ storage
  function remember() {
    try {
      window.localStorage.setItem(STORE, JSON.stringify({ key: key, token: token, name: myName }));
    } catch (e) { /* private mode: the page just forgets on reload */ }
  }
  function recall() {
    try {
      const saved = JSON.parse(window.localStorage.getItem(STORE) || "null");
      if (saved && saved.key === key && typeof saved.token === "string") {
        token = saved.token;
        myName = String(saved.name || "");
      }
    } catch (e) { /* nothing saved */ }
  }
  function forget() {
    token = null;
    try { window.localStorage.removeItem(STORE); } catch (e) { /* ignore */ }
  }

  // ------------------------------------------------------------------ requests
  async function call(method, path, payload) {
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const options = { method: method, signal: controller.signal, cache: "no-store" };
      if (payload !== undefined) {
        options.headers = { "Content-Type": "application/json" };
        options.body = JSON.stringify(Object.assign({ key: key, token: token }, payload));
      }
      const response = await fetch(path, options);
      let data = null;
      try { data = await response.json(); } catch (e) { data = null; }
      return { status: response.status, data: data || {} };
    } finally {
      clearTimeout(timeout);
    }
  }

  function say(id, text, bad) {
    const el = $(id);
    el.textContent = text || "";
    el.classList.toggle("bad", Boolean(bad));
  }

  function connection(text, withRetry) {
    const line = $("connection");
    line.replaceChildren();
    line.hidden = !text;
    if (!text) return;
    line.append(document.createTextNode(text));
    if (withRetry) {
      const again = document.createElement("button");
      again.type = "button";
      again.textContent = "Try again";
      again.addEventListener("click", () => { failures = 0; stopped = false; connection(""); poll(); });
      line.append(again);
    }
  }

  // ------------------------------------------------------------------ polling
  function schedule(ms) {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(poll, ms);
  }

  function stop(text) {
    stopped = true;
    clearTimeout(timer);
    connection(text, false);
  }

  async function poll() {
    const query = new URLSearchParams({ key: key });
    if (token) query.set("participant", token);
    if (version !== null) query.set("since", String(version));
    if (layout !== null) query.set("layout", String(layout));
    let answer;
    try {
      answer = await call("GET", "/api/state?" + query.toString());
    } catch (e) {
      answer = null;
    }
    if (answer && answer.status === 200) {
      failures = 0;
      connection("");
      const data = answer.data;
      if (!data.unchanged) {
        if (data.map) {
          map = data.map;
          layout = data.layout;
        } else if (data.layout !== layout) {
          layout = null; // should not happen: ask for the whole state next time
        }
        version = data.layout === layout ? data.version : null;
        vote = data.vote || null;
        me = data.me || null;
        render();
      }
      if (token) schedule(POLL_MS);
      return;
    }
    if (answer && answer.status === 403) {
      showJoin(false);
      stop("This link's room key is wrong or out of date. Open the link or QR code the facilitator shows now.");
      return;
    }
    if (answer && answer.status === 401) {
      const name = myName;
      forget();
      version = null;
      layout = null;
      if (name && !rejoined) { // the host restarted: join again under the same name, once
        rejoined = true;
        if (await enter(name)) return;
      }
      showJoin(true);
      say("join-message", "The room does not know you any more (it may have restarted): join again.", true);
      return;
    }
    failures += 1;
    if (failures >= MAX_FAILURES) {
      stopped = true;
      connection("Lost the connection to the room.", true);
      return;
    }
    connection("Reconnecting…", false);
    schedule(Math.min(POLL_MS * Math.pow(2, failures), MAX_DELAY_MS));
  }

  // ------------------------------------------------------------------ rendering
  function showJoin(show) {
    $("join").hidden = !show;
    $("note").hidden = show || !token;
    if (show) $("vote").hidden = true;
  }

  function byId(list) {
    const out = {};
    for (const item of list || []) out[item.id] = item;
    return out;
  }

  function fillSelect(select, first, items) {
    const wanted = [""].concat(items.map((i) => i.id)).join("\u0000");
    const names = [first].concat(items.map((i) => i.name)).join("\u0000");
    if (select.dataset.ids === wanted && select.dataset.names === names) return;
    const chosen = select.value;
    const options = [new Option(first, "")];
    for (const item of items) options.push(new Option(item.name, item.id)); // Option sets text, not HTML
    select.replaceChildren(...options);
    select.value = items.some((i) => i.id === chosen) ? chosen : "";
    select.dataset.ids = wanted;
    select.dataset.names = names;
  }

  function render() {
    if (!map) return;
    $("title").textContent = map.title || "Workshop room";
    document.title = (map.title || "Workshop") + " · room";
    const who = $("who");
    who.hidden = !token;
    who.textContent = token ? "You are " + myName : "";
    if (!token) return;
    fillSelect($("note-stage"), "First stage", map.stages || []);
    fillSelect($("note-lane"), INBOX + " (inbox)", (map.lanes || []).filter((l) => l.name !== INBOX));
    renderVote();
  }

  function dotsText(n) {
    return n === 1 ? "1 dot" : n + " dots";
  }

  function renderVote() {
    const section = $("vote");
    section.hidden = !vote || !map || !token;
    if (section.hidden) return;
    const mine = (me && me.dots) || {};
    const remaining = me ? me.remaining : vote.budget;
    $("remaining").textContent = remaining > 0
      ? dotsText(remaining) + " left of " + vote.budget
      : "No dots left (0 of " + vote.budget + ")";
    $("remaining").dataset.remaining = String(remaining);
    const stages = byId(map.stages);
    const lanes = byId(map.lanes);
    const totals = vote.hidden ? null : vote.totals || {};
    const hints = [];
    if (vote.lane_id && lanes[vote.lane_id]) hints.push("The vote is about the " + lanes[vote.lane_id].name + " lane.");
    hints.push(vote.hidden ? "Totals stay hidden until the vote closes." : "Tap a card to give it a dot.");
    $("vote-hint").textContent = hints.join(" ");
    const list = $("vote-cards");
    list.classList.toggle("spent", remaining <= 0);
    const items = [];
    const seen = new Set();
    for (const card of map.cards || []) {
      const row = rowFor(card.id);
      seen.add(card.id);
      const name = card.title || "(card without text)";
      setText(row.title, name);
      setText(row.place, [stages[card.stage_id], lanes[card.lane_id]].filter(Boolean).map((x) => x.name).join(" · "));
      const own = mine[card.id] || 0;
      setText(row.dots, "●".repeat(own));
      row.dots.setAttribute("aria-label", own ? "your dots: " + own : "");
      row.total.hidden = !totals;
      setText(row.total, totals ? dotsText(totals[card.id] || 0) + " in all" : "");
      row.take.hidden = own <= 0;
      row.take.setAttribute("aria-label", "Take back a dot from " + name);
      items.push(row.li);
    }
    for (const id of Array.from(rows.keys())) if (!seen.has(id)) rows.delete(id);
    const current = Array.from(list.children);
    if (current.length !== items.length || current.some((li, i) => li !== items[i])) list.replaceChildren(...items);
  }

  // One row per card, kept between redraws (a redraw while a finger is on a card must not
  // swallow the tap): only its texts change.
  const rows = new Map();

  function setText(el, text) {
    if (el.textContent !== text) el.textContent = text;
  }

  function rowFor(cardId) {
    let row = rows.get(cardId);
    if (row) return row;
    const li = document.createElement("li");
    const give = document.createElement("button");
    give.type = "button";
    give.className = "give";
    give.dataset.card = cardId;
    const part = (cls) => {
      const span = document.createElement("span");
      span.className = cls;
      give.append(span);
      return span;
    };
    row = { li: li, title: part("card-title"), place: part("card-place"), dots: part("card-dots"),
      total: part("card-total") };
    give.addEventListener("click", () => voteOn(cardId, "/api/vote"));
    const take = document.createElement("button");
    take.type = "button";
    take.className = "take";
    take.dataset.card = cardId;
    take.textContent = "−1";
    take.addEventListener("click", () => voteOn(cardId, "/api/unvote"));
    row.take = take;
    li.append(give, take);
    rows.set(cardId, row);
    return row;
  }

  // ------------------------------------------------------------------ actions
  let busy = false;

  async function voteOn(cardId, path) {
    if (busy) return;
    busy = true;
    try {
      const answer = await call("POST", path, { card_id: cardId });
      if (answer.status === 200) {
        me = answer.data;
        say("vote-message", path === "/api/vote" ? "Dot placed." : "Dot taken back.", false);
        renderVote();
        schedule(200); // totals of others: soon
      } else {
        say("vote-message", answer.data.error || "That did not work (" + answer.status + ").", true);
        if (answer.status === 401 || answer.status === 403) schedule(0);
      }
    } catch (e) {
      say("vote-message", "Could not reach the room. Try again in a moment.", true);
    } finally {
      busy = false;
    }
  }

  async function join(event) {
    event.preventDefault();
    const name = $("name").value.trim();
    if (!name) {
      say("join-message", "Please enter your name.", true);
      return;
    }
    $("join-button").disabled = true;
    try {
      await enter(name);
    } finally {
      $("join-button").disabled = false;
    }
  }

  async function enter(name) {
    let answer;
    try {
      answer = await call("POST", "/api/join", { name: name });
    } catch (e) {
      say("join-message", "Could not reach the room. Check the Wi-Fi and try again.", true);
      return false;
    }
    if (answer.status !== 201) {
      say("join-message", answer.data.error || "Could not join (" + answer.status + ").", true);
      return false;
    }
    token = answer.data.token;
    myName = answer.data.name;
    remember();
    say("join-message", "", false);
    showJoin(false);
    version = null;
    layout = null;
    stopped = false;
    poll();
    return true;
  }

  async function addNote(event) {
    event.preventDefault();
    const text = $("note-text").value;
    if (!text.trim()) {
      say("note-message", "Write something first.", true);
      return;
    }
    const payload = { text: text };
    if ($("note-stage").value) payload.stage_id = $("note-stage").value;
    if ($("note-lane").value) payload.lane_id = $("note-lane").value;
    $("note-button").disabled = true;
    try {
      const answer = await call("POST", "/api/note", payload);
      if (answer.status === 201) {
        $("note-text").value = "";
        say("note-message", "Added to the map.", false);
        schedule(200);
      } else {
        say("note-message", answer.data.error || "The note was not added (" + answer.status + ").", true);
        if (answer.status === 401) schedule(0);
      }
    } catch (e) {
      say("note-message", "Could not reach the room: your note is still here, try again.", true);
    } finally {
      $("note-button").disabled = false;
    }
  }

  // ------------------------------------------------------------------ start
  function start() {
    $("join-form").addEventListener("submit", join);
    $("note-form").addEventListener("submit", addNote);
    if (!key) {
      stop("This page needs the room's link with its key: scan the QR code the facilitator shows.");
      return;
    }
    recall();
    showJoin(!token);
    poll();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
