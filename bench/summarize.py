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


if __name__ == "__main__":
    {"identity": identity, "scale": scale, "reservations": reservations, "cart": cart, "saga": saga}[sys.argv[1]](*sys.argv[2:])
