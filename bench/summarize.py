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
    lines = [f"# Gateway overhead ({d['cores']} cores, wrk {d['connections']} connections, {d['seconds']} s per run after 3 s warm-up, "
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
    json.dump(d, open(result_json, "w"), indent=2)
    q = d["ratios"]
    lines += ["", f"- gateway / nginx throughput: **{q['gatewayToNginxThroughput']}×** (goal ≥ 0.6×); gateway / direct: {q['gatewayToDirectThroughput']}×",
              f"- p99 added over the direct call: gateway **{q['gatewayAddedP99MsVsDirect']} ms** (goal ≤ 5 ms), nginx {q['nginxAddedP99MsVsDirect']} ms",
              f"- JWT at the gateway adds {q.get('jwtAddedP99MsAtGateway')} ms at p99; the rate limiter keeps {q.get('rateLimiterThroughputRatio')}× of the throughput "
              "(the limiter's run is a second start of the stack, so part of that ratio is run-to-run noise)",
              "", "Closed loop (wrk keeps each connection busy): a throughput comparison on one 2-core machine where the load generator, "
              "nginx, the gateway and the catalog share the cores, as in spring-cloud-gateway-bench. The upstream is the catalog's cached "
              "product page. The rate-limited runs use capacities no run reaches, so the limiter's bookkeeping is measured, never a 429."]
    open(out_md, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    {"identity": identity, "scale": scale, "reservations": reservations, "cart": cart, "saga": saga, "gateway": gateway}[sys.argv[1]](*sys.argv[2:])
