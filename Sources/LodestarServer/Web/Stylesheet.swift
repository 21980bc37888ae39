import Vapor

/// The app's own stylesheet, compiled in so the app works offline and from any working directory.
enum Stylesheet {
    static func response() -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(string: css))
    }

    static let css = """
    :root { --ink:#1d2433; --muted:#5b6475; --line:#d8dde6; --bg:#f6f7f9; --panel:#fff; --accent:#1f4fd1;
            --green:#1e7b34; --amber:#9a5b00; --red:#b3261e; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
    * { box-sizing: border-box; }
    body { margin:0; color:var(--ink); background:var(--bg); line-height:1.45; }
    a { color:var(--accent); }
    a:focus, button:focus, input:focus, select:focus, textarea:focus { outline:3px solid #ffbf47; outline-offset:1px; }
    .skip { position:absolute; left:-999px; } .skip:focus { left:8px; top:8px; background:#fff; padding:8px; z-index:10; }
    header.site { display:flex; flex-wrap:wrap; align-items:center; gap:12px 24px; padding:10px 20px; background:#14213d; color:#fff; }
    header.site a { color:#fff; text-decoration:none; }
    .brand { font-weight:700; font-size:1.2rem; }
    header.site nav ul { display:flex; flex-wrap:wrap; gap:4px 16px; list-style:none; margin:0; padding:0; }
    header.site nav a[aria-current] { border-bottom:3px solid #ffbf47; }
    .signout { margin-left:auto; display:flex; gap:8px; align-items:center; }
    .signout button { background:transparent; color:#fff; border:1px solid #fff; }
    main { max-width:1200px; margin:0 auto; padding:20px; }
    footer.site { text-align:center; color:var(--muted); padding:20px; font-size:.85rem; }
    h1 { font-size:1.6rem; margin:.4em 0; } h2 { font-size:1.2rem; margin-top:0; } h3 { font-size:1rem; }
    .panel { background:var(--panel); border:1px solid var(--line); border-radius:8px; padding:16px 20px; margin:16px 0; }
    .narrow { max-width:420px; margin:40px auto; }
    .cards { display:grid; grid-template-columns:repeat(auto-fill, minmax(180px, 1fr)); gap:12px; }
    .card { background:var(--panel); border:1px solid var(--line); border-radius:8px; padding:14px; text-decoration:none; color:var(--ink); display:flex; flex-direction:column; }
    .figure { font-size:1.8rem; font-weight:700; } .caption { color:var(--muted); }
    .table-wrap { overflow-x:auto; }
    table { border-collapse:collapse; width:100%; background:var(--panel); }
    caption { text-align:left; color:var(--muted); padding:4px 0; }
    th, td { text-align:left; padding:6px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
    .nowrap { white-space:nowrap; }
    td.number, th.number { text-align:right; font-variant-numeric:tabular-nums; }
    .badge { display:inline-block; padding:1px 8px; border-radius:10px; background:#e8ebf1; font-size:.85rem; }
    .health-green { background:#dcefe0; color:var(--green); } .health-amber { background:#fbe9c8; color:var(--amber); }
    .health-red { background:#f7d9d6; color:var(--red); } .muted { color:var(--muted); }
    .status-active { background:#dce6fb; } .status-completed { background:#dcefe0; } .status-cancelled { background:#eee; }
    .status-on_hold { background:#fbe9c8; }
    .code { color:var(--muted); font-weight:400; }
    .title-row { display:flex; justify-content:space-between; align-items:center; gap:12px; flex-wrap:wrap; }
    .facts { display:grid; grid-template-columns:max-content 1fr; gap:4px 16px; margin:0; } .facts dt { color:var(--muted); }
    form.filters { display:flex; flex-wrap:wrap; gap:8px 16px; align-items:flex-end; margin-bottom:12px; }
    .field { display:flex; flex-direction:column; margin:8px 0; max-width:520px; }
    label { font-weight:600; font-size:.9rem; }
    input, select, textarea, button, .button { font:inherit; padding:6px 10px; border:1px solid #8a93a5; border-radius:6px; background:#fff; }
    button, .button { cursor:pointer; text-decoration:none; color:var(--ink); display:inline-block; }
    .primary { background:var(--accent); color:#fff; border-color:var(--accent); }
    fieldset { border:1px solid var(--line); border-radius:8px; margin:12px 0; padding:8px 16px; background:var(--panel); }
    legend { font-weight:700; }
    .error { color:var(--red); } .field.invalid input { border-color:var(--red); } .hint { color:var(--muted); font-size:.85rem; margin:2px 0; }
    .flash { background:#dcefe0; border:1px solid #9fd1aa; padding:8px 12px; border-radius:6px; }
    .pagination { display:flex; gap:16px; margin:12px 0; align-items:center; }
    .crumbs { color:var(--muted); font-size:.9rem; }
    .tree ul { list-style:none; padding-left:18px; } .tree > ul { padding-left:0; }
    .actions { display:flex; gap:16px; align-items:center; margin-top:12px; }
    /* planning: strategy map, priorities, capacity, scenarios */
    .scroll { overflow-x:auto; }
    svg.heatmap text { font-size:13px; fill:var(--ink); } svg.heatmap text.value { font-variant-numeric:tabular-nums; }
    form.inline { display:flex; flex-wrap:wrap; gap:8px 12px; align-items:flex-end; } form.inline .field { margin:0; }
    .verdict-balanced { background:#dcefe0; color:var(--green); } .verdict-over_invested, .verdict-under_invested { background:#fbe9c8; color:var(--amber); }
    .tree.map ul.serving { list-style:disc; padding-left:22px; font-size:.92rem; }
    ul.notes { color:var(--amber); }
    @media (max-width: 640px) { main { padding:10px; } .facts { grid-template-columns:1fr; } .signout { margin-left:0; } }
    @media print { header.site nav, .signout, form, .skip, .button { display:none !important; }
                   body { background:#fff; } .panel { border:none; padding:0; } a { color:inherit; text-decoration:none; } }
    /* health, reports, delivery, outcomes and the dashboard (issue 5) */
    .questions { display:grid; grid-template-columns:repeat(auto-fit, minmax(420px, 1fr)); gap:16px; }
    .question .qid { color:var(--muted); font-weight:400; margin-right:4px; }
    .headline { font-size:1.05rem; } .headline .figure { font-size:1.8rem; font-weight:700; margin-right:6px; }
    svg.chart { max-width:680px; display:block; margin:8px 0; } .chart-label, .chart-value { font-size:12px; fill:var(--ink); }
    svg.chart rect.bar { fill:var(--accent); } svg.chart a:hover rect, svg.chart a:focus rect { fill:#1d3f8f; }
    .fill-green { fill:#3f8f55; } .fill-amber { fill:#d4900f; } .fill-red { fill:#c0392b; }
    ol.insights { padding-left:0; list-style:none; } ol.insights li { display:flex; gap:10px; align-items:baseline; padding:6px 0; border-bottom:1px solid var(--line); }
    .insight .severity { min-width:3em; text-align:right; font-weight:700; font-variant-numeric:tabular-nums; }
    .insight-decision_overdue .severity, .insight-red_initiative .severity { color:var(--red); }
    form.inline { display:inline-flex; gap:8px; align-items:center; margin:0 0 12px; }
    td form.inline { margin:0 0 0 8px; }
    .visually-hidden { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
    .report-initiative { border-top:1px solid var(--line); padding:8px 0; break-inside:avoid; }
    .report-initiative h3 { margin:4px 0; } .override { border-left:3px solid var(--amber); padding-left:8px; }
    .warning { color:var(--red); } tr.flagged th, tr.flagged td { background:#fdf1ef; }
    .benefit-behind { background:#f7d9d6; } .benefit-achieved, .benefit-on_track { background:#dcefe0; }
    @media print { .no-print { display:none !important; } .questions { display:block; } .report h1 { margin-top:0; }
                   .report-initiative { page-break-inside:avoid; } svg rect { print-color-adjust:exact; -webkit-print-color-adjust:exact; }
                   @page { margin:16mm; } }
    """
}
