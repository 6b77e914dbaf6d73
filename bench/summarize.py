"""Markdown summaries of bench results (called by bench/run.sh)."""
import json
import sys


def identity(login_json, tokens_json, out_md):
    l, t = json.load(open(login_json)), json.load(open(tokens_json))
    lines = [f"# Identity ({l['cores']} cores)", "",
             f"- Logins (bcrypt cost 10), {l['concurrentClients']} concurrent clients for {l['seconds']} s, direct to identity-service: "
             f"**{l['loginsPerSecond']}/s**, p50 {l['loginMs']['p50']} ms, p99 **{l['loginMs']['p99']} ms**, errors {l['errors']}",
             f"- Same-run baseline, one bcrypt cost-10 verification in the bench process: p50 {l['baselineBcryptCost10VerifyMs']['p50']} ms "
             f"-> login p50 is {l['ratioLoginP50ToBcryptP50']}x that",
             f"- Token validation at the gateway, GET /api/products?limit=1 x{t['requestsEach']} each, interleaved: without token "
             f"p50 {t['withoutTokenMs']['p50']} / p99 {t['withoutTokenMs']['p99']} ms; with token p50 {t['withTokenMs']['p50']} / "
             f"p99 {t['withTokenMs']['p99']} ms -> added p50 {t['addedP50Ms']} ms, p99 **{t['addedP99Ms']} ms**", "", t["note"]]
    open(out_md, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))


def scale(result_json, out_md):
    d = json.load(open(result_json))
    lines = [f"# Catalog scale ({d['cores']} cores)", "", "| products | list p50 / p99 ms | search p50 / p99 ms |", "|---|---|---|"]
    for n, v in d["bySize"].items():
        lines.append(f"| {n} | {v['listMs']['p50']} / {v['listMs']['p99']} | {v['searchMs']['p50']} / {v['searchMs']['p99']} |")
    lines += ["", f"- largest / smallest, list: p50 {d['ratioLargestToSmallestListP50']}x, p99 {d['ratioLargestToSmallestListP99']}x "
              f"(goal <= 1.5x on real MongoDB)",
              f"- largest / smallest, search: p50 {d['ratioLargestToSmallestSearchP50']}x, p99 {d['ratioLargestToSmallestSearchP99']}x",
              "", d["note"]]
    open(out_md, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))


def reservations(result_json, out_md):
    d = json.load(open(result_json))
    h, b = d["hotSku"], d["baselineOneSkuPerClient"]
    lines = [f"# Reservations ({d['cores']} cores, {d['clients']} clients)", "",
             f"- one hot SKU: **{h['reservationsPerSecond']}/s**, reserve p50 {h['reserveMs']['p50']} ms, p99 {h['reserveMs']['p99']} ms, errors {h['errors']}",
             f"- same-run baseline, one SKU per client: {b['reservationsPerSecond']}/s, p50 {b['reserveMs']['p50']} ms, p99 {b['reserveMs']['p99']} ms, errors {b['errors']}",
             f"- hot / spread throughput: {round(h['reservationsPerSecond'] / max(b['reservationsPerSecond'], 0.1), 2)}x", "", d["note"]]
    open(out_md, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))


def cart(result_json, out_md):
    d = json.load(open(result_json))
    v, q = d["baselineViewCartViaGateway"], d["baselinePriceQuoteDirect"]
    row = lambda name, x: f"| {name} | {x['achievedPerSecond']}/s | {x['p50Ms']} | {x['p90Ms']} | {x['p99Ms']} | {x['maxMs']} | {x['errors']} |"
    lines = [f"# Add-to-cart ({d['cores']} cores, {d['seconds']} s measured per rate after {d['warmupSeconds']} s warm-up)", "",
             "| request | offered = achieved | p50 ms | p90 ms | p99 ms | max ms | errors |", "|---|---|---|---|---|---|---|"]
    for rate, x in d["addToCartViaGatewayByRate"].items():
        lines.append(row(f"POST /api/carts/me/items via gateway @ {rate}/s", x))
    lines += [row(f"baseline: GET /api/carts/me via gateway @ {int(d['targetRatePerSecond'])}/s", v),
              row(f"baseline: catalog price quote, direct @ {int(d['targetRatePerSecond'])}/s", q), "",
              f"- highest rate with p99 <= 500 ms and no errors: **{d['highestRateWithP99Under500msAndNoErrors']}/s**", "", d["note"]]
    open(out_md, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))


def saga(result_json, out_md):
    d = json.load(open(result_json))
    b = d["baselineViewCartViaGateway"]
    ms = lambda x: f"{x['p50']} / {x['p90']} / {x['p99']} / {x['max']}"
    lines = [f"# Checkout saga ({d['cores']} cores, {d['seconds']} s measured per rate after {d['warmupSeconds']} s warm-up)", "",
             "| offered | checkouts | 202 answer p50/p90/p99/max ms | checkout -> PAID p50/p90/p99/max ms | placed -> PAID (saga) ms | outcomes | errors |",
             "|---|---|---|---|---|---|---|"]
    for rate, x in d["byRate"].items():
        lines.append(f"| {rate}/s | {x['checkouts']} | {ms(x['acceptedMs'])} | {ms(x['checkoutToPaidMs'])} | {ms(x['placedToPaidMs'])} | "
                     f"{x['outcomes']} | {x['errors']} |")
    lines += ["", f"- same-run baseline, GET /api/carts/me via gateway @ {int(b['ratePerSecond'])}/s: p50 {b['p50Ms']} ms, p99 {b['p99Ms']} ms, "
              f"errors {b['errors']}",
              f"- highest rate sustained (< 0.1 % errors and checkout -> PAID p99 <= 1 s): **{d['highestSustainedRate']}/s** "
              f"(goal: p50 <= 150 ms, p99 <= 1 s at 30/s)",
              "", d["note"]]
    open(out_md, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))


def gateway(result_json, out_md):
    d = json.load(open(result_json))
    r = d["runs"]
    ms = lambda us: round(us / 1000, 2)
    errs = lambda x: sum(x["errors"].values())
    names = {"direct": "catalog, direct", "gateway": "through our gateway", "nginx": "through nginx proxy_pass",
             "gatewayWithJwt": "gateway + JWT (validated by gateway and catalog)", "directWithJwt": "catalog direct + JWT",
             "gatewayRateLimited": "gateway, rate limiter on", "gatewayRateLimitedWithJwt": "gateway, rate limiter on + JWT"}
    lines = [f"# Gateway overhead ({d['cores']} cores, wrk {d['connections']} connections, {d['seconds']} s per run after {d.get('wrkWarmupSeconds', 3)} s warm-up"
             f"{', JIT ' + d['jit'] + ' after a ' + str(d['warmupSeconds']) + ' s warm-up through the gateway' if 'jit' in d else ''}, "
             f"{d['path']})", "", "| target | req/s | p50 ms | p99 ms | p99.9 ms | errors |", "|---|---|---|---|---|---|"]
    for k, x in r.items():
        lines.append(f"| {names.get(k, k)} | {x['rps']} | {ms(x['p50Us'])} | {ms(x['p99Us'])} | {ms(x['p999Us'])} | {errs(x)} |")
    g, n, dr = r["gateway"], r["nginx"], r["direct"]
    d["ratios"] = {"gatewayToNginxThroughput": round(g["rps"] / n["rps"], 2), "gatewayToDirectThroughput": round(g["rps"] / dr["rps"], 2),
                   "gatewayAddedP99MsVsDirect": ms(g["p99Us"] - dr["p99Us"]), "nginxAddedP99MsVsDirect": ms(n["p99Us"] - dr["p99Us"])}
    if "gatewayWithJwt" in r:
        d["ratios"]["jwtAddedP99MsAtGateway"] = ms(r["gatewayWithJwt"]["p99Us"] - g["p99Us"])
    if "gatewayRateLimited" in r:
        d["ratios"]["rateLimiterThroughputRatio"] = round(r["gatewayRateLimited"]["rps"] / g["rps"], 2)
    calm = d.get("calmRate")
    if calm:
        d["ratios"]["gatewayAddedP99MsAtCalmRate"] = round(calm["gateway"]["p99Ms"] - calm["direct"]["p99Ms"], 2)
        d["ratios"]["nginxAddedP99MsAtCalmRate"] = round(calm["nginx"]["p99Ms"] - calm["direct"]["p99Ms"], 2)
    json.dump(d, open(result_json, "w"), indent=2)
    q = d["ratios"]
    if calm:
        lines += ["", f"One hop at a calm {calm['ratePerSecond']:.0f} req/s (open model, {calm['seconds']} s each after a 3 s warm-up each):", "",
                  "| target | p50 ms | p99 ms | p99.9 ms | errors |", "|---|---|---|---|---|"]
        for k in ("direct", "nginx", "gateway"):
            x = calm[k]
            lines.append(f"| {names.get(k, k)} | {x['p50Ms']} | {x['p99Ms']} | {x['p999Ms']} | {x['errors']} |")
        lines += ["", f"- p99 added at the calm rate: gateway **{q['gatewayAddedP99MsAtCalmRate']} ms** (goal ≤ 5 ms), "
                  f"nginx {q['nginxAddedP99MsAtCalmRate']} ms"]
    lines += ["", f"- gateway / nginx throughput: **{q['gatewayToNginxThroughput']}×** (goal ≥ 0.6×); gateway / direct: {q['gatewayToDirectThroughput']}×",
              f"- p99 added over the direct call at saturation (queueing, not the hop): gateway {q['gatewayAddedP99MsVsDirect']} ms, nginx {q['nginxAddedP99MsVsDirect']} ms",
              f"- JWT at the gateway adds {q.get('jwtAddedP99MsAtGateway')} ms at p99; the rate limiter keeps {q.get('rateLimiterThroughputRatio')}× of the throughput "
              "(the limiter's runs are on a second gateway process in front of the same catalog, warmed for "
              + str(d.get('limitedWarmupSeconds', '?')) + " s — part of that ratio is run-to-run noise)",
              "", "Closed loop (wrk keeps each connection busy): a throughput comparison on one 2-core machine where the load generator, "
              "nginx, the gateway and the catalog share the cores, as in spring-cloud-gateway-bench. The upstream is the catalog's cached "
              "product page. The rate-limited runs use capacities no run reaches, so the limiter's bookkeeping is measured, never a 429."]
    open(out_md, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))


def plots_md(result_json):
    """Markdown image links for the PNGs written next to a result file."""
    import glob
    import os
    base = result_json[:-len(".json")]
    return [f"![{os.path.basename(f)}]({os.path.basename(f)})" for f in sorted(glob.glob(base + "-*.png"))]


def storefront(result_json, out_md):
    d = json.load(open(result_json))
    ms = lambda x: f"{x['p50Ms']} / {x['p90Ms']} / {x['p99Ms']} / {x['p999Ms']}"
    mix = " : ".join(f"{k} {v}" for k, v in d["mix"].items())
    lines = [f"# Storefront mix ({d['cores']} cores, open model, {d['secondsPerStep']} s measured per step after {d['warmupSeconds']} s warm-up)",
             "", f"Mix: {mix}. A step holds when p99 over all calls <= {d['limits']['p99Ms']:.0f} ms and errors <= "
             f"{d['limits']['errorShare'] * 100:.1f} %.", "",
             "| offered calls/s | achieved | all p50 / p90 / p99 / p99.9 ms | errors | holds |", "|---|---|---|---|---|"]
    for st in d["steps"]:
        a = st["calls"]["all"]
        lines.append(f"| {st['ratePerSecond']:.0f} | {a['achievedPerSecond']} | {ms(a)} | {a['errors']} of {a['count']} | "
                     f"{'yes' if st['holds'] else '**no**'} |")
    lines += ["", f"- maximum sustainable rate: **{d['maxSustainableRate']} calls/s**; {d['totalErrors']} errors in {d['totalCalls']} calls", "",
              "Per endpoint, p50 / p90 / p99 / p99.9 ms:", "",
              "| offered | " + " | ".join(k for k in d["mix"]) + " |", "|---|" + "---|" * len(d["mix"])]
    for st in d["steps"]:
        cells = [ms(st["calls"][k]) if k in st["calls"] else "-" for k in d["mix"]]
        lines.append(f"| {st['ratePerSecond']:.0f}/s | " + " | ".join(cells) + " |")
    samples = {f"{st['ratePerSecond']:.0f}/s {k}": v["sampleErrors"] for st in d["steps"] for k, v in st["calls"].items()
               if k != "all" and v.get("sampleErrors")}
    if samples:
        lines += ["", "First error answers:", ""] + [f"- {k}: `{json.dumps(v)[:300]}`" for k, v in samples.items()]
    lines += ["", d["note"], ""] + plots_md(result_json)
    open(out_md, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))


def events(result_json, out_md):
    d = json.load(open(result_json))
    ms = lambda x: f"{x['p50']} / {x['p90']} / {x['p99']} / {x['max']}"
    lines = [f"# Event pipelines ({d['cores']} cores, open model, {d['seconds']} s per rate after {d['warmupSeconds']} s warm-up)", "",
             "| pipeline | offered/s | measured | p50 / p90 / p99 / max ms | errors |", "|---|---|---|---|---|"]
    for name, p in d["pipelines"].items():
        for rate, x in p["byRate"].items():
            lines.append(f"| {name} | {rate} | {x['count']} | {ms(x['latencyMs'])} | {x['errors']} |")
    lines.append("")
    out = d["pipelines"].get("outboxWriteToPublish")
    if out:
        for rate, x in out["byRate"].items():
            b = x["baselineProducerAckMs"]
            lines.append(f"- same-run baseline at {rate}/s, bare producer send -> ack: p50 {b['p50']} / p99 {b['p99']} ms; "
                         f"outbox p99 / that p99: {round(x['latencyMs']['p99'] / max(b['p99'], 0.01), 2)}x (goal: outbox p99 <= 50 ms)")
    paid = d["pipelines"].get("checkoutToPaid")
    if paid:
        for rate, x in paid["byRate"].items():
            lines.append(f"- checkout at {rate}/s: saga alone (PENDING -> PAID) {ms(x['placedToPaidMs'])} ms; outcomes {x['outcomes']}")
    lines += ["", d["note"], ""] + plots_md(result_json)
    open(out_md, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))


def snapshot(launch_log, launcher_pid, out_json):
    """Resident memory, CPU seconds and GC pauses of every process of the local stack, now."""
    import os
    import re
    import time
    import urllib.request
    tick = os.sysconf("SC_CLK_TCK")
    procs = {}
    rows = [l.split() for l in open(launch_log) if re.match(r"^  [a-z-]+ +[0-9]+ +[0-9]+ +UP", l) and "in launcher" not in l]
    rows.append(["launcher (kafka + store)", "0", launcher_pid])
    for name, port, pid, *_ in rows:
        stat = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        rss = next(int(l.split()[1]) for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS"))
        p = {"rssMiB": round(rss / 1024), "cpuSeconds": (int(stat[11]) + int(stat[12])) / tick}
        if port != "0":
            try:
                text = urllib.request.urlopen(f"http://127.0.0.1:{port}/actuator/prometheus", timeout=5).read().decode()
                val = lambda metric: [float(l.rsplit(" ", 1)[1]) for l in text.splitlines() if l.startswith(metric + "{")]
                p["gcPauses"] = int(sum(val("jvm_gc_pause_seconds_count")))
                p["gcPauseSeconds"] = round(sum(val("jvm_gc_pause_seconds_sum")), 3)
                p["gcPauseMaxMs"] = round(max(val("jvm_gc_pause_seconds_max") or [0]) * 1000, 1)
            except Exception as e:  # a service without the endpoint still gets memory and CPU
                p["gcError"] = str(e)[:100]
        procs[name] = p
    json.dump({"at": time.time(), "processes": procs}, open(out_json, "w"))


def cds_ready():
    """Exit 0 when every service has a class-data archive recorded from its current jar (see local-stack ClassDataArchives)."""
    import os
    services = ["identity-service", "catalog-service", "cart-service", "order-service", "creator-service", "review-service",
                "customization-service", "compliance-service", "gateway"]
    for svc in services:
        jar, d = f"{svc}/target/{svc}.jar", f"local-stack/target/cds/{svc}"
        try:
            stamp = f"{os.path.getsize(jar)}:{int(os.stat(jar).st_mtime_ns // 1_000_000)}"
            if open(f"{d}/jar.stamp").read() != stamp or not os.path.isfile(f"{d}/app.jsa"):
                sys.exit(1)
        except OSError:
            sys.exit(1)
    sys.exit(0)


def resources(idle0, idle1, load1, startup_json, storefront_json, out_json, out_md):
    a, b, c = (json.load(open(f)) for f in (idle0, idle1, load1))
    st = json.load(open(startup_json))
    sf = json.load(open(storefront_json))
    idle_s, load_s = b["at"] - a["at"], c["at"] - b["at"]
    procs = {}
    for name in c["processes"]:
        p0, p1, p2 = a["processes"][name], b["processes"][name], c["processes"][name]
        win = lambda x0, x1, s: {"rssMiB": x1["rssMiB"], "cpuSeconds": round(x1["cpuSeconds"] - x0["cpuSeconds"], 2),
                                 "cpuCores": round((x1["cpuSeconds"] - x0["cpuSeconds"]) / s, 3),
                                 **({"gcPauses": x1["gcPauses"] - x0["gcPauses"], "gcPauseSeconds": round(x1["gcPauseSeconds"] - x0["gcPauseSeconds"], 3),
                                     "gcPauseMaxMs": x1["gcPauseMaxMs"]} if "gcPauses" in x1 and "gcPauses" in x0 else {})}
        procs[name] = {"idle": win(p0, p1, idle_s), "load": win(p1, p2, load_s)}
    d = {"scenario": "resources", "cores": st.get("cores"), "coldStartSeconds": st["fullSuiteSeconds"],
         "subsetSeconds": st.get("subsetSeconds"), "subsetWithoutClassDataSeconds": st.get("subsetWithoutClassDataSeconds"), "idleSeconds": round(idle_s, 1), "loadSeconds": round(load_s, 1),
         "load": f"the storefront mix at {', '.join(str(int(x['ratePerSecond'])) for x in sf['steps'])} calls/s "
                 f"({sum(x['calls']['all']['count'] for x in sf['steps'])} calls, "
                 f"{sum(x['calls']['all'].get('errors', 0) for x in sf['steps'])} errors), its shopper preparation{' and ramp' if sf.get('rampBeforeStepsSeconds') else ''} included",
         "processes": procs}
    json.dump(d, open(out_json, "w"), indent=2)
    services = {k: v for k, v in procs.items() if not k.startswith("launcher")}
    worst = max(services.items(), key=lambda kv: kv[1]["load"]["rssMiB"])
    lines = [f"# Resources ({d['cores']} cores)", "",
             f"- cold start, full suite (9 JVMs + broker + store) to all-healthy, with the launcher's class-data archives: "
             f"**{d['coldStartSeconds']} s** (goal <= 60 s)"
             + (f"; same-run baseline, identity + catalog + gateway: {d['subsetWithoutClassDataSeconds']} s without the archives, "
                f"{d['subsetSeconds']} s with them ({d['subsetWithoutClassDataSeconds'] / d['subsetSeconds']:.2f}x)"
                if d.get("subsetSeconds") else ""),
             f"- largest service RSS under load: **{worst[1]['load']['rssMiB']} MiB** ({worst[0]}; goal <= 350 MiB per service)",
             f"- idle window {d['idleSeconds']} s; load window {d['loadSeconds']} s ({d['load']})", "",
             "| process | RSS idle MiB | RSS load MiB | CPU idle (cores) | CPU load (cores) | GC pauses in load (count / total s / max ms) |",
             "|---|---|---|---|---|---|"]
    for k, v in procs.items():
        i, l = v["idle"], v["load"]
        gc = f"{l['gcPauses']} / {l['gcPauseSeconds']} / {l['gcPauseMaxMs']}" if "gcPauses" in l else "-"
        lines.append(f"| {k} | {i['rssMiB']} | {l['rssMiB']} | {i['cpuCores']} | {l['cpuCores']} | {gc} |")
    lines += ["", "CPU is CPU seconds over the window divided by its length (1.0 = one core busy). GC pauses come from each "
              "service's Micrometer jvm.gc.pause (the max is Micrometer's recent-window max). The launcher holds the embedded "
              "Kafka broker and the MongoDB-wire store.", ""] + plots_md(out_json)
    open(out_md, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    {"identity": identity, "scale": scale, "reservations": reservations, "cart": cart, "saga": saga, "gateway": gateway,
     "storefront": storefront, "events": events, "snapshot": snapshot, "resources": resources,
     "cds-ready": cds_ready}[sys.argv[1]](*sys.argv[2:])
