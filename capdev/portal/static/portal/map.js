// Capdev maps, drawn with d3-geo (global `d3`) and topojson-client (global `topojson`) on world-atlas
// countries-50m.json (features' id = ISO 3166 numeric, e.g. "052"). Loaded with `defer`; no inline script.
//
// 1. World choropleth: <figure class="capdev-choropleth" data-map="ID" data-topology="URL"> from
//    portal/_map.html, its values in <script type="application/json" id="ID">. Served countries are links to
//    /countries/ISO3/ (keyboard-focusable); the figure's table is the accessible path and has every number.
// 2. Small maps from plain markup: any <figure class="capdev-map" data-countries='["BHS","LCA","BRB"]'>
//    gets a map zoomed to those countries, highlighted; shapes too small to see get a circle marker.
//
// The topology URL comes from the figure's data-topology, else from this script tag's data-topology
// (<script src=".../portal/map.js" data-topology="{% static 'vendor/world-atlas/countries-50m.json' %}">),
// else from this script's own URL (static/portal/map.js -> static/vendor/world-atlas/countries-50m.json).
// Nothing animates (maps are drawn once, without transitions), so prefers-reduced-motion needs nothing here.
(function () {
  "use strict";

  // ISO 3166 alpha-3 -> numeric, for the plain-markup maps (generated from capdev.reference Country.numeric).
  var ISO_NUMERIC = {
    ABW:"533",AFG:"004",AGO:"024",AIA:"660",ALA:"248",ALB:"008",AND:"020",ARE:"784",ARG:"032",ARM:"051",ASM:"016",
    ATA:"010",ATF:"260",ATG:"028",AUS:"036",AUT:"040",AZE:"031",BDI:"108",BEL:"056",BEN:"204",BES:"535",BFA:"854",
    BGD:"050",BGR:"100",BHR:"048",BHS:"044",BIH:"070",BLM:"652",BLR:"112",BLZ:"084",BMU:"060",BOL:"068",BRA:"076",
    BRB:"052",BRN:"096",BTN:"064",BVT:"074",BWA:"072",CAF:"140",CAN:"124",CCK:"166",CHE:"756",CHL:"152",CHN:"156",
    CIV:"384",CMR:"120",COD:"180",COG:"178",COK:"184",COL:"170",COM:"174",CPV:"132",CRI:"188",CUB:"192",CUW:"531",
    CXR:"162",CYM:"136",CYP:"196",CZE:"203",DEU:"276",DJI:"262",DMA:"212",DNK:"208",DOM:"214",DZA:"012",ECU:"218",
    EGY:"818",ERI:"232",ESH:"732",ESP:"724",EST:"233",ETH:"231",FIN:"246",FJI:"242",FLK:"238",FRA:"250",FRO:"234",
    FSM:"583",GAB:"266",GBR:"826",GEO:"268",GGY:"831",GHA:"288",GIB:"292",GIN:"324",GLP:"312",GMB:"270",GNB:"624",
    GNQ:"226",GRC:"300",GRD:"308",GRL:"304",GTM:"320",GUF:"254",GUM:"316",GUY:"328",HKG:"344",HMD:"334",HND:"340",
    HRV:"191",HTI:"332",HUN:"348",IDN:"360",IMN:"833",IND:"356",IOT:"086",IRL:"372",IRN:"364",IRQ:"368",ISL:"352",
    ISR:"376",ITA:"380",JAM:"388",JEY:"832",JOR:"400",JPN:"392",KAZ:"398",KEN:"404",KGZ:"417",KHM:"116",KIR:"296",
    KNA:"659",KOR:"410",KWT:"414",LAO:"418",LBN:"422",LBR:"430",LBY:"434",LCA:"662",LIE:"438",LKA:"144",LSO:"426",
    LTU:"440",LUX:"442",LVA:"428",MAC:"446",MAF:"663",MAR:"504",MCO:"492",MDA:"498",MDG:"450",MDV:"462",MEX:"484",
    MHL:"584",MKD:"807",MLI:"466",MLT:"470",MMR:"104",MNE:"499",MNG:"496",MNP:"580",MOZ:"508",MRT:"478",MSR:"500",
    MTQ:"474",MUS:"480",MWI:"454",MYS:"458",MYT:"175",NAM:"516",NCL:"540",NER:"562",NFK:"574",NGA:"566",NIC:"558",
    NIU:"570",NLD:"528",NOR:"578",NPL:"524",NRU:"520",NZL:"554",OMN:"512",PAK:"586",PAN:"591",PCN:"612",PER:"604",
    PHL:"608",PLW:"585",PNG:"598",POL:"616",PRI:"630",PRK:"408",PRT:"620",PRY:"600",PSE:"275",PYF:"258",QAT:"634",
    REU:"638",ROU:"642",RUS:"643",RWA:"646",SAU:"682",SDN:"729",SEN:"686",SGP:"702",SGS:"239",SHN:"654",SJM:"744",
    SLB:"090",SLE:"694",SLV:"222",SMR:"674",SOM:"706",SPM:"666",SRB:"688",SSD:"728",STP:"678",SUR:"740",SVK:"703",
    SVN:"705",SWE:"752",SWZ:"748",SXM:"534",SYC:"690",SYR:"760",TCA:"796",TCD:"148",TGO:"768",THA:"764",TJK:"762",
    TKL:"772",TKM:"795",TLS:"626",TON:"776",TTO:"780",TUN:"788",TUR:"792",TUV:"798",TWN:"158",TZA:"834",UGA:"800",
    UKR:"804",UMI:"581",URY:"858",USA:"840",UZB:"860",VAT:"336",VCT:"670",VEN:"862",VGB:"092",VIR:"850",VNM:"704",
    VUT:"548",WLF:"876",WSM:"882",YEM:"887",ZAF:"710",ZMB:"894",ZWE:"716"
  };
  // px²: below this a highlighted country also gets a circle marker, so that islands show (more generous on the
  // zoomed small maps, where an archipelago of slivers such as the Bahamas is otherwise hard to see).
  var TINY_AREA = 40, TINY_AREA_ZOOMED = 200;
  var BRAND = "#004f8c", LAND = "#dfe3e8", SEA = "#f3f7fb", EDGE = "#ffffff";
  var script = document.currentScript;
  var cache = {};
  // The page's language, with the digits the server writes too (0-9, also in Arabic: Django's formats).
  var lang = document.documentElement.lang ? document.documentElement.lang + "-u-nu-latn" : undefined;
  var svgNS = "http://www.w3.org/2000/svg";

  function topologyUrl(figure) {
    if (figure.dataset.topology) { return figure.dataset.topology; }
    if (script && script.dataset.topology) { return script.dataset.topology; }
    if (script && script.src) {
      return script.src.replace(/portal\/map(\.[0-9a-f]+)?\.js(\?.*)?$/, "vendor/world-atlas/countries-50m.json");
    }
    return "/static/vendor/world-atlas/countries-50m.json";
  }

  function loadFeatures(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) { throw new Error("map data: HTTP " + r.status); } return r.json(); })
        .then(function (topo) { return topojson.feature(topo, topo.objects.countries).features; });
    }
    return cache[url];
  }

  function el(name, attrs, parent) {
    var node = document.createElementNS(svgNS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function makeSvg(container, width, height, label) {
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, preserveAspectRatio: "xMidYMid meet",
                          "class": "map-svg", focusable: "false" });
    if (label) { svg.setAttribute("aria-label", label); }
    container.appendChild(svg);
    return svg;
  }

  function drawBase(svg, path, features, skip) {
    el("path", { d: path({ type: "Sphere" }), fill: SEA, "aria-hidden": "true" }, svg);
    var g = el("g", { "aria-hidden": "true" }, svg);
    features.forEach(function (f) {
      if (skip && skip[f.id]) { return; }
      var d = path(f);
      if (d) { el("path", { d: d, fill: LAND, stroke: EDGE, "stroke-width": 0.5 }, g); }
    });
  }

  // A highlighted shape, with a circle at its centroid when it is too small to be seen.
  function drawShape(parent, path, feature, fill, stroke, tiny) {
    var d = path(feature);
    if (!d) { return; }
    el("path", { d: d, fill: fill, stroke: stroke, "stroke-width": 0.6, "class": "map-shape" }, parent);
    if (path.area(feature) < (tiny || TINY_AREA)) {
      var c = path.centroid(feature);
      if (isFinite(c[0]) && isFinite(c[1])) {
        el("circle", { cx: c[0], cy: c[1], r: 5, fill: fill, stroke: stroke, "stroke-width": 1.2,
                       "class": "map-marker" }, parent);
      }
    }
  }

  // ---- 1. choropleth -----------------------------------------------------------------------------------------

  function bins(values) {
    // Up to five colour classes: one per distinct value when there are few, else equal ranges.
    var distinct = Array.from(new Set(values)).sort(function (a, b) { return a - b; });
    var classes = [];
    if (distinct.length <= 5) {
      distinct.forEach(function (v) { classes.push({ lo: v, hi: v }); });
    } else {
      var lo = distinct[0], hi = distinct[distinct.length - 1], step = (hi - lo) / 5;
      for (var i = 0; i < 5; i++) { classes.push({ lo: lo + i * step, hi: i === 4 ? hi : lo + (i + 1) * step }); }
    }
    classes.forEach(function (c, i) {
      c.colour = d3.interpolateBlues(classes.length === 1 ? 0.75 : 0.3 + 0.7 * i / (classes.length - 1));
    });
    return classes;
  }

  function classOf(classes, v) {
    for (var i = 0; i < classes.length; i++) { if (v <= classes[i].hi) { return classes[i]; } }
    return classes[classes.length - 1];
  }

  function drawChoropleth(figure) {
    var source = document.getElementById(figure.dataset.map);
    var container = figure.querySelector(".map-canvas");
    if (!source || !container) { return; }
    var data = JSON.parse(source.textContent);
    var nf = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
    var cf = new Intl.NumberFormat(lang, { notation: "compact", maximumFractionDigits: 1 });
    var fmt = function (v) { return nf.format(v) + (data.valueFormat === "money" && data.currency ? " " + data.currency : ""); };
    var byNumeric = {};
    data.countries.forEach(function (c) { if (c.numeric) { byNumeric[c.numeric] = c; } });
    var classes = bins(data.countries.map(function (c) { return c.value; }));

    loadFeatures(topologyUrl(figure)).then(function (features) {
      // Drawn at the size it is shown, so that markers, strokes and labels have their size in real pixels.
      var width = Math.max(280, Math.round(container.clientWidth || 960)), height = Math.round(width * 0.49);
      var projection = d3.geoEqualEarth().fitExtent([[4, 4], [width - 4, height - 4]], { type: "Sphere" });
      var path = d3.geoPath(projection);
      container.textContent = "";
      var svg = makeSvg(container, width, height, container.dataset.label);
      svg.setAttribute("role", "group");
      drawBase(svg, path, features, byNumeric);
      var served = el("g", { "class": "map-served" }, svg);
      // Largest first, so that small countries drawn later stay on top and clickable.
      features.filter(function (f) { return byNumeric[f.id]; })
        .sort(function (a, b) { return path.area(b) - path.area(a); })
        .forEach(function (f) {
          var c = byNumeric[f.id];
          var link = el("a", { href: c.url, "class": "map-country", "aria-label": c.name + ": " + fmt(c.value) }, served);
          el("title", {}, link).textContent = c.name + ": " + fmt(c.value);
          drawShape(link, path, f, classOf(classes, c.value).colour, "#0b2f4f");
        });
      container.appendChild(legend(classes, data, cf));
      figure.classList.add("map-drawn");
    }).catch(function (err) { if (window.console) { console.error("capdev map", err); } });
  }

  function legend(classes, data, cf) {
    var box = document.createElement("div");
    box.className = "map-legend";
    box.setAttribute("aria-hidden", "true"); // the table says the same, and better
    var title = document.createElement("span");
    title.className = "map-legend-title";
    title.textContent = data.measureLabel;
    box.appendChild(title);
    var list = document.createElement("ul");
    classes.forEach(function (c) {
      var li = document.createElement("li");
      var sw = document.createElement("span");
      sw.className = "swatch";
      sw.style.background = c.colour;
      li.appendChild(sw);
      var lo = cf.format(Math.round(c.lo)), hi = cf.format(Math.round(c.hi));
      li.appendChild(document.createTextNode(lo === hi ? lo : lo + "–" + hi));
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  // ---- 2. small highlight maps ---------------------------------------------------------------------------------

  function drawHighlight(figure) {
    var codes;
    try { codes = JSON.parse(figure.dataset.countries || "[]"); } catch (e) { return; }
    var wanted = {};
    codes.forEach(function (iso3) { var n = ISO_NUMERIC[String(iso3).toUpperCase()]; if (n) { wanted[n] = true; } });
    if (!Object.keys(wanted).length) { return; }
    var container = figure.querySelector(".map-canvas");
    if (!container) {
      container = document.createElement("div");
      container.className = "map-canvas";
      // Right after a leading caption, or before a trailing one; any fallback list stays below the map.
      var caption = figure.querySelector(":scope > figcaption");
      if (caption && caption === figure.firstElementChild) { figure.insertBefore(container, caption.nextSibling); }
      else if (caption) { figure.insertBefore(container, caption); }
      else { figure.appendChild(container); }
    }
    loadFeatures(topologyUrl(figure)).then(function (features) {
      var chosen = features.filter(function (f) { return wanted[f.id]; });
      if (!chosen.length) { return; }
      var width = Math.max(240, Math.round(container.clientWidth || 480)), height = Math.round(width * 0.62);
      var collection = { type: "FeatureCollection", features: chosen };
      var b = d3.geoBounds(collection);
      var projection = d3.geoEqualEarth();
      var target = collection;
      if (b[0][0] <= b[1][0]) {
        // Centre on the countries and keep at least ~28° x 16° in view, so that islands sit in their sea.
        var cx = (b[0][0] + b[1][0]) / 2, cy = (b[0][1] + b[1][1]) / 2;
        var hw = Math.max((b[1][0] - b[0][0]) / 2 * 1.3 + 3, 14), hh = Math.max((b[1][1] - b[0][1]) / 2 * 1.3 + 2, 8);
        var y0 = Math.max(cy - hh, -85), y1 = Math.min(cy + hh, 85);
        projection.rotate([-cx, 0]);
        target = { type: "MultiPoint", coordinates: [[cx - hw, y0], [cx + hw, y0], [cx - hw, y1], [cx + hw, y1],
                                                     [cx, y0], [cx, y1]] };
      }
      projection.fitExtent([[8, 8], [width - 8, height - 8]], target);
      var path = d3.geoPath(projection);
      var names = chosen.map(function (f) { return f.properties && f.properties.name; }).filter(Boolean);
      container.textContent = "";
      var svg = makeSvg(container, width, height, names.join(", "));
      svg.setAttribute("role", "img");
      var label = figure.dataset.label || names.join(", ");
      var t = el("title", {}, svg);
      t.textContent = label;
      svg.insertBefore(t, svg.firstChild);
      drawBase(svg, path, features, wanted);
      var g = el("g", { "class": "map-highlight" }, svg);
      chosen.forEach(function (f) { drawShape(g, path, f, BRAND, "#ffffff", TINY_AREA_ZOOMED); });
      // Names next to the countries when there are few (they may be tiny).
      if (chosen.length <= 8) {
        var placed = [];
        chosen.map(function (f) { return { name: (f.properties && f.properties.name) || "", c: path.centroid(f) }; })
          .filter(function (l) { return isFinite(l.c[0]) && isFinite(l.c[1]); })
          .sort(function (a, b) { return a.c[1] - b.c[1]; })
          .forEach(function (l) {
            // Near neighbours (Saint Lucia, Barbados) would print over each other: move a label down until free.
            var box = { x: l.c[0] + 8, y: l.c[1] + 4, w: l.name.length * 7.5, h: 15 };
            if (box.x + box.w > width) { box.x = l.c[0] - 8 - box.w; }
            for (var guard = 0; guard < 10 && placed.some(function (p) {
              return box.x < p.x + p.w && p.x < box.x + box.w && box.y < p.y + p.h && p.y < box.y + box.h;
            }); guard++) { box.y += 15; }
            placed.push(box);
            var text = el("text", { x: box.x, y: box.y, "class": "map-label", "aria-hidden": "true" }, g);
            text.textContent = l.name;
          });
      }
      figure.classList.add("map-drawn");
    }).catch(function (err) { if (window.console) { console.error("capdev map", err); } });
  }

  function init() {
    if (typeof window.d3 === "undefined" || typeof window.topojson === "undefined" || !window.fetch) { return; }
    document.querySelectorAll("figure.capdev-choropleth[data-map]").forEach(drawChoropleth);
    document.querySelectorAll("figure.capdev-map[data-countries]").forEach(drawHighlight);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
