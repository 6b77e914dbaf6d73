package com.glowglitch.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PNG plots of a result file (JFreeChart, headless): latency percentiles against offered load,
 * throughput against time, latency against data size, and side-by-side bars where a scenario
 * compares configurations. {@code plot <scenario> <results.json>} writes
 * {@code <results>-<chart>.png} next to the JSON and prints the files it wrote.
 */
final class Plots {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int W = 900;
    private static final int H = 520;

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0x17becf), new Color(0xbcbd22)};

    private Plots() {
    }

    static List<Path> plot(String scenario, Path json) throws IOException {
        System.setProperty("java.awt.headless", "true");
        JsonNode d = JSON.readTree(json.toFile());
        String base = json.toString().replaceFirst("\\.json$", "");
        List<Path> written = new ArrayList<>();
        switch (scenario) {
            case "storefront", "smoke" -> storefront(d, base, written);
            case "events" -> events(d, base, written);
            case "saga" -> byRate(d.get("byRate"), "checkoutToPaidMs", "checkout → PAID latency vs offered load",
                    "checkouts per second", base + "-latency.png", written);
            case "cart" -> cart(d, base, written);
            case "scale" -> scale(d, base, written);
            case "gateway" -> gateway(d, base, written);
            case "resources" -> resources(d, base, written);
            default -> throw new IllegalArgumentException("no plots for " + scenario);
        }
        written.forEach(p -> System.out.println("plot: " + p));
        return written;
    }

    private static void storefront(JsonNode d, String base, List<Path> out) throws IOException {
        XYSeriesCollection lat = new XYSeriesCollection();
        for (String p : new String[] {"p50Ms", "p90Ms", "p99Ms"}) {
            XYSeries s = new XYSeries("all calls " + p.replace("Ms", ""));
            for (JsonNode step : d.get("steps")) {
                s.add(step.get("ratePerSecond").asDouble(), step.get("calls").get("all").get(p).asDouble());
            }
            lat.addSeries(s);
        }
        for (String kind : StorefrontBench.MIX) {
            XYSeries s = new XYSeries(kind + " p99");
            for (JsonNode step : d.get("steps")) {
                JsonNode k = step.get("calls").get(kind);
                if (k != null) {
                    s.add(step.get("ratePerSecond").asDouble(), k.get("p99Ms").asDouble());
                }
            }
            lat.addSeries(s);
        }
        XYSeries limit = new XYSeries("p99 limit (500 ms)");
        for (JsonNode step : d.get("steps")) {
            limit.add(step.get("ratePerSecond").asDouble(), StorefrontBench.P99_LIMIT_MS);
        }
        lat.addSeries(limit);
        out.add(save(lines("Storefront mix: latency vs offered load (open model)", "offered calls per second", "latency (ms)", lat, true),
                base + "-latency.png"));

        JsonNode t = d.get("timeline");
        XYSeriesCollection tp = new XYSeriesCollection();
        String[][] cols = {{"offered", "offered per second"}, {"completed", "completed as expected per second"}, {"errors", "errors per second"}};
        for (String[] c : cols) {
            XYSeries s = new XYSeries(c[1]);
            Iterator<JsonNode> secs = t.get("second").iterator();
            for (JsonNode v : t.get(c[0])) {
                s.add(secs.next().asDouble(), v.asDouble());
            }
            tp.addSeries(s);
        }
        out.add(save(lines("Storefront mix: throughput over time (steps of rising arrival rate)", "seconds since the first step",
                "calls per second", tp, false), base + "-throughput.png"));
    }

    private static void events(JsonNode d, String base, List<Path> out) throws IOException {
        XYSeriesCollection c = new XYSeriesCollection();
        for (Map.Entry<String, JsonNode> pipeline : d.get("pipelines").properties()) {
            for (String p : new String[] {"p50", "p99"}) {
                XYSeries s = new XYSeries(pipeline.getKey() + " " + p);
                for (Map.Entry<String, JsonNode> rate : pipeline.getValue().get("byRate").properties()) {
                    s.add(Double.parseDouble(rate.getKey()), rate.getValue().get("latencyMs").get(p).asDouble());
                }
                c.addSeries(s);
            }
        }
        out.add(save(lines("Event pipelines: end-to-end latency vs offered load", "events per second", "latency (ms)", c, true),
                base + "-latency.png"));
    }

    private static void byRate(JsonNode byRate, String field, String title, String xLabel, String file, List<Path> out) throws IOException {
        XYSeriesCollection c = new XYSeriesCollection();
        for (String p : new String[] {"p50", "p90", "p99"}) {
            XYSeries s = new XYSeries(p);
            for (Map.Entry<String, JsonNode> rate : byRate.properties()) {
                s.add(Double.parseDouble(rate.getKey()), rate.getValue().get(field).get(p).asDouble());
            }
            c.addSeries(s);
        }
        out.add(save(lines(title, xLabel, "latency (ms)", c, true), file));
    }

    private static void cart(JsonNode d, String base, List<Path> out) throws IOException {
        XYSeriesCollection c = new XYSeriesCollection();
        for (String p : new String[] {"p50Ms", "p90Ms", "p99Ms"}) {
            XYSeries s = new XYSeries("add-to-cart " + p.replace("Ms", ""));
            for (Map.Entry<String, JsonNode> rate : d.get("addToCartViaGatewayByRate").properties()) {
                s.add(Double.parseDouble(rate.getKey()), rate.getValue().get(p).asDouble());
            }
            c.addSeries(s);
        }
        out.add(save(lines("Add-to-cart latency vs offered load", "adds per second", "latency (ms)", c, true), base + "-latency.png"));
    }

    private static void scale(JsonNode d, String base, List<Path> out) throws IOException {
        XYSeriesCollection c = new XYSeriesCollection();
        for (String q : new String[] {"listMs", "searchMs"}) {
            for (String p : new String[] {"p50", "p99"}) {
                XYSeries s = new XYSeries(q.replace("Ms", "") + " " + p);
                for (Map.Entry<String, JsonNode> size : d.get("bySize").properties()) {
                    s.add(Double.parseDouble(size.getKey()), size.getValue().get(q).get(p).asDouble());
                }
                c.addSeries(s);
            }
        }
        JFreeChart chart = lines("Catalog list and search latency vs catalog size", "products", "latency (ms)", c, true);
        XYPlot plot = chart.getXYPlot();
        LogAxis x = new LogAxis("products (log scale)");
        x.setBase(10);
        plot.setDomainAxis(x);
        out.add(save(chart, base + "-latency.png"));
    }

    private static void gateway(JsonNode d, String base, List<Path> out) throws IOException {
        DefaultCategoryDataset rps = new DefaultCategoryDataset();
        DefaultCategoryDataset p99 = new DefaultCategoryDataset();
        for (Map.Entry<String, JsonNode> run : d.get("runs").properties()) {
            rps.addValue(run.getValue().get("rps").asDouble(), "requests per second", run.getKey());
            p99.addValue(run.getValue().get("p50Us").asDouble() / 1000, "p50", run.getKey());
            p99.addValue(run.getValue().get("p99Us").asDouble() / 1000, "p99", run.getKey());
        }
        out.add(save(ChartFactory.createBarChart("Catalog product page: throughput by path (wrk, closed loop)", "path", "requests per second",
                rps, PlotOrientation.HORIZONTAL, true, false, false), base + "-throughput.png"));
        out.add(save(ChartFactory.createBarChart("Catalog product page: latency by path", "path", "latency (ms)",
                p99, PlotOrientation.HORIZONTAL, true, false, false), base + "-latency.png"));
    }

    private static void resources(JsonNode d, String base, List<Path> out) throws IOException {
        DefaultCategoryDataset rss = new DefaultCategoryDataset();
        DefaultCategoryDataset cpu = new DefaultCategoryDataset();
        for (Map.Entry<String, JsonNode> p : d.get("processes").properties()) {
            rss.addValue(p.getValue().get("idle").get("rssMiB").asDouble(), "RSS idle", p.getKey());
            rss.addValue(p.getValue().get("load").get("rssMiB").asDouble(), "RSS under the storefront load", p.getKey());
            cpu.addValue(p.getValue().get("idle").get("cpuCores").asDouble(), "idle", p.getKey());
            cpu.addValue(p.getValue().get("load").get("cpuCores").asDouble(), "under the storefront load", p.getKey());
        }
        out.add(save(ChartFactory.createBarChart("Resident memory per process", "process", "MiB", rss,
                PlotOrientation.HORIZONTAL, true, false, false), base + "-rss.png"));
        out.add(save(ChartFactory.createBarChart("CPU per process, idle vs under load", "process", "cores busy (CPU seconds / wall seconds)", cpu,
                PlotOrientation.HORIZONTAL, true, false, false), base + "-cpu.png"));
    }

    private static JFreeChart lines(String title, String x, String y, XYSeriesCollection data, boolean shapes) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, x, y, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, shapes);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        plot.setRenderer(r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart;
    }

    private static Path save(JFreeChart chart, String file) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof org.jfree.chart.plot.CategoryPlot bars) {
            bars.setBackgroundPaint(Color.WHITE);
            bars.setRangeGridlinePaint(Color.LIGHT_GRAY);
            org.jfree.chart.renderer.category.BarRenderer r = (org.jfree.chart.renderer.category.BarRenderer) bars.getRenderer();
            r.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
            r.setShadowVisible(false);
            for (int i = 0; i < PALETTE.length; i++) {
                r.setSeriesPaint(i, PALETTE[i]);
            }
        }
        ChartUtils.saveChartAsPNG(new File(file), chart, W, H);
        return Path.of(file);
    }
}
