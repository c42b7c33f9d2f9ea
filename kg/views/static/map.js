// Builds the network from the JSON block, draws the briefing guides, and wires the filters.
// Every string that came from a document is put into the page with textContent, never as HTML.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(data.edges.map((e) => [e.id, e]));

  function tooltip(head, rows, quote) {
    const box = document.createElement("div");
    box.className = "kg-tip";
    const title = document.createElement("div");
    title.className = "kg-tip-head";
    title.textContent = head;
    box.appendChild(title);
    for (const [name, value] of rows) {
      if (value === null || value === undefined || value === "") continue;
      const row = document.createElement("div");
      const key = document.createElement("b");
      key.textContent = name + ": ";
      row.appendChild(key);
      row.appendChild(document.createTextNode(String(value)));
      box.appendChild(row);
    }
    if (quote) {
      const q = document.createElement("div");
      q.className = "kg-tip-quote";
      q.textContent = "“" + quote + "”";
      box.appendChild(q);
    }
    return box;
  }

  const nodes = new vis.DataSet(
    data.nodes.map((n) => ({
      id: n.id,
      label: n.label,
      x: n.x,
      y: n.y,
      shape: n.shape,
      color: n.ingested
        ? { background: n.color, border: n.color }
        : { background: "#ffffff", border: n.color },
      borderWidth: n.ingested ? 1 : 2.5,
    })),
  );
  const edges = new vis.DataSet(
    data.edges.map((e) => ({
      id: e.id,
      from: e.from,
      to: e.to,
      color: { color: e.color, highlight: e.color, hover: e.color },
      dashes: e.dashes,
      smooth: e.bend > 0 ? { enabled: true, type: "curvedCCW", roundness: e.bend } : false,
    })),
  );

  function checked(name) {
    const boxes = document.querySelectorAll('input[name="' + name + '"]');
    return new Set(Array.from(boxes).filter((b) => b.checked).map((b) => b.value));
  }
  function numberOf(id, fallback) {
    const input = document.getElementById(id);
    const value = input ? parseInt(input.value, 10) : NaN;
    return Number.isNaN(value) ? fallback : value;
  }
  let state = null;
  function readState() {
    const province = document.getElementById("kg-province");
    state = {
      relations: checked("relation"),
      levels: checked("level"),
      yearFrom: numberOf("kg-year-from", -Infinity),
      yearTo: numberOf("kg-year-to", Infinity),
      province: province ? province.value : "",
    };
  }
  // Undated documents and documents without a province (central ones) stay visible, so a
  // province filter still shows the central documents that province acts on.
  function nodeVisible(item) {
    const n = byId.get(item.id);
    if (!state.levels.has(n.level)) return false;
    if (n.year !== null && (n.year < state.yearFrom || n.year > state.yearTo)) return false;
    return !(state.province && n.province && n.province !== state.province);
  }
  function edgeVisible(item) {
    const e = edgeById.get(item.id);
    return (
      state.relations.has(e.relation) &&
      nodeVisible({ id: e.from }) &&
      nodeVisible({ id: e.to })
    );
  }
  readState();
  const nodeView = new vis.DataView(nodes, { filter: nodeVisible });
  const edgeView = new vis.DataView(edges, { filter: edgeVisible });

  const options = {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 1 },
    nodes: {
      size: 13,
      font: { size: 18, face: data.font + ", Arial, sans-serif", strokeWidth: 4, strokeColor: "#ffffff" },
    },
    edges: {
      width: 1.8,
      arrows: { to: { enabled: true, scaleFactor: 0.7 } },
      smooth: false,
      selectionWidth: 2,
    },
    interaction: {
      hover: true,
      tooltipDelay: 150,
      hideEdgesOnDrag: data.large,
      hideEdgesOnZoom: data.large,
    },
  };
  const network = new vis.Network(
    document.getElementById("kg-map"),
    { nodes: nodeView, edges: edgeView },
    options,
  );

  // Tooltips are built on first hover, not up front: thousands of DOM trees made at load
  // would cost a second on a 5,000-document map.
  function nodeTip(n) {
    return tooltip(
      n.label,
      [
        ["Số, ký hiệu", n.symbol],
        ["Loại", n.kind],
        ["Ngày ban hành", n.date || "không rõ"],
        ["Cơ quan ban hành", n.issuer],
        ["Cấp", n.levelLabel],
        ["Tỉnh, thành", n.province],
        ["Trích yếu", n.title],
        ["Đã nạp văn bản", n.ingested ? "có" : "chưa (chỉ được dẫn chiếu)"],
      ],
      null,
    );
  }
  function edgeTip(e) {
    return tooltip(
      e.relationLabel,
      [
        ["Từ", byId.get(e.from).label],
        ["Đến", byId.get(e.to).label],
        ["Độ trễ", e.lagDays === null ? "" : e.lagDays + " ngày"],
        ["Nguồn", e.source],
      ],
      e.evidence,
    );
  }
  network.on("hoverNode", ({ node }) => {
    if (!nodes.get(node).title) nodes.update({ id: node, title: nodeTip(byId.get(node)) });
  });
  network.on("hoverEdge", ({ edge }) => {
    if (!edges.get(edge).title) edges.update({ id: edge, title: edgeTip(edgeById.get(edge)) });
  });

  const guides = data.guides;
  const xs = data.nodes.map((n) => n.x).concat(guides.ticks.map((t) => t.x));
  if (guides.undated !== null) xs.push(...guides.undated);
  const left = xs.reduce((a, b) => Math.min(a, b), 0) - 160;
  const right = xs.reduce((a, b) => Math.max(a, b), 0) + 160;
  network.on("beforeDrawing", (ctx) => {
    if (!guides.lanes.length) return;
    const top = guides.lanes[0].top;
    const bottom = guides.lanes[guides.lanes.length - 1].bottom;
    ctx.save();
    guides.lanes.forEach((lane, i) => {
      ctx.fillStyle = i % 2 ? "#f8f9fb" : "#eef1f5";
      ctx.fillRect(left, lane.top, right - left, lane.bottom - lane.top);
      ctx.fillStyle = "#57606a";
      ctx.font = "bold 17px " + data.font + ", sans-serif";
      ctx.textBaseline = "top";
      ctx.fillText(lane.label, left + 8, lane.top + 6);
    });
    ctx.strokeStyle = "#d0d7de";
    ctx.fillStyle = "#57606a";
    ctx.font = "16px " + data.font + ", sans-serif";
    ctx.textBaseline = "bottom";
    ctx.textAlign = "center";
    for (const tick of guides.ticks) {
      ctx.beginPath();
      ctx.moveTo(tick.x, top);
      ctx.lineTo(tick.x, bottom);
      ctx.stroke();
      ctx.fillText(tick.label, tick.x, top - 4);
    }
    if (guides.undated !== null) {
      const [first, last] = guides.undated;
      ctx.fillStyle = "rgba(208, 215, 222, 0.45)";
      ctx.fillRect(first - 70, top, last - first + 140, bottom - top);
      ctx.fillStyle = "#57606a";
      ctx.fillText(guides.undatedLabel, (first + last) / 2, top - 4);
    }
    ctx.restore();
  });

  // The page opens on the focus document (the one a map was asked about) and its neighbours,
  // at a scale where labels stay readable; when they do not all fit, on the focus itself. A map
  // without a focus is framed whole, with the lane names and the time axis of a briefing.
  const canvas = document.getElementById("kg-map");
  const READABLE = 0.45;
  function frameBox(box, floor) {
    const width = Math.max(box.right - box.left, 1);
    const height = Math.max(box.bottom - box.top, 1);
    const fit = Math.min(canvas.clientWidth / width, canvas.clientHeight / height, 1.2) * 0.95;
    return Math.max(fit, floor);
  }
  function boxOf(ids) {
    const points = ids.map((id) => byId.get(id));
    return {
      left: Math.min(...points.map((n) => n.x)) - 120,
      right: Math.max(...points.map((n) => n.x)) + 120,
      top: Math.min(...points.map((n) => n.y)) - 60,
      bottom: Math.max(...points.map((n) => n.y)) + 60,
    };
  }
  function openView() {
    if (data.focus !== null && byId.has(data.focus)) {
      const around = [data.focus, ...network.getConnectedNodes(data.focus)];
      const box = boxOf(around);
      const scale = frameBox(box, READABLE);
      const fits =
        (box.right - box.left) * scale <= canvas.clientWidth &&
        (box.bottom - box.top) * scale <= canvas.clientHeight;
      const focus = byId.get(data.focus);
      const position = fits
        ? { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 }
        : { x: focus.x, y: focus.y };
      network.moveTo({ position, scale, animation: false });
      network.selectNodes([data.focus], false);
    } else if (guides.lanes.length) {
      const box = { left, right, top: guides.lanes[0].top - 40, bottom: 0 };
      box.bottom = guides.lanes[guides.lanes.length - 1].bottom;
      const scale = frameBox(box, 0);
      const position = { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 };
      network.moveTo({ position, scale, animation: false });
    } else {
      network.fit({ animation: false });
    }
  }
  openView();
  // In a frame laid out after this script runs, the canvas has no size yet: the view centred
  // in it would put the focus in a corner once the canvas grows. Open it again once sized.
  if (!canvas.clientWidth || !canvas.clientHeight) {
    const sized = new ResizeObserver(() => {
      if (!canvas.clientWidth || !canvas.clientHeight) return;
      sized.disconnect();
      openView();
    });
    sized.observe(canvas);
  }

  function refresh() {
    readState();
    nodeView.refresh();
    edgeView.refresh();
  }
  document.getElementById("kg-filters").addEventListener("change", refresh);

  // On a narrow screen the panel is an overlay, closed at first, so the map has the width.
  const toggle = document.getElementById("kg-panel-toggle");
  toggle.addEventListener("click", () => {
    const open = document.body.classList.toggle("panel-open");
    toggle.setAttribute("aria-expanded", String(open));
  });

  function fold(text) {
    return (text || "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase();
  }
  // Symbols and labels first: "25-NQ" should find the resolution, not every plan whose title
  // mentions it; titles and issuers are searched only when no symbol matches.
  const searchIndex = data.nodes.map((n) => ({
    id: n.id,
    name: fold(n.label + " " + n.symbol),
    text: fold(n.title + " " + n.issuer),
  }));
  const status = document.getElementById("kg-search-status");
  document.getElementById("kg-search").addEventListener("input", (event) => {
    const query = fold(event.target.value.trim());
    if (!query) {
      network.unselectAll();
      status.textContent = "";
      return;
    }
    const visible = new Set(nodeView.getIds());
    const candidates = searchIndex.filter((entry) => visible.has(entry.id));
    let hits = candidates.filter((entry) => entry.name.includes(query));
    if (!hits.length) hits = candidates.filter((entry) => entry.text.includes(query));
    const ids = hits.map((entry) => entry.id);
    network.selectNodes(ids, false);
    status.textContent = ids.length ? ids.length + " văn bản khớp" : "Không tìm thấy";
    if (ids.length) {
      network.focus(ids[0], { scale: Math.max(network.getScale(), 1), animation: false });
    }
  });

  // Marks the first frame: browser tests wait for it and read the time to interactive.
  network.once("afterDrawing", () => {
    window.kgReadyMs = performance.now();
    document.body.dataset.ready = "true";
  });
  window.kgMap = { network, nodes, edges, nodeView, edgeView, focus: data.focus };
})();
