package io.clickmap.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.clickmap.chain.ChainEncoder;
import io.clickmap.chain.Element;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A long shop catalogue, the kind of page the toolbar must cope with: 1,250 product cards of four clickable elements
 * each (over 6,000 elements), with posthog-js on it like the demo page, served by the test on localhost. Its clicks
 * reach the stats API the way any site's do, through capture: one per element of every card but the first two, seven
 * on the last card's button (the most clicked), and one per element of two cards the page no longer shows — 5,000
 * stats rows, 8 of which cannot be placed.
 */
final class Catalogue implements AutoCloseable {
    static final int CARDS = 1_250;
    static final int ROWS = 5_000;
    static final int GONE = 8;
    static final int MOST_CLICKED = 7;
    static final String MOST_CLICKED_ELEMENT = "li[data-sku=sku-" + CARDS + "] button";
    private static final int FIRST_CLICKED_CARD = 3;
    private static final String[] TAGS = {"h3", "span", "button", "a"};
    private static final Path SDK = PackagedJar.REPOSITORY.resolve("launcher/page/node_modules/posthog-js/dist/array.full.js");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final HttpServer server;
    private final String url;

    private Catalogue(HttpServer server) {
        this.server = server;
        this.url = "http://localhost:" + server.getAddress().getPort() + "/catalogue";
    }

    /** Serves the page, its SDK initialised with the project token and capture as api_host. */
    static Catalogue serve(String token, String captureUrl) throws IOException {
        byte[] page = html(token, captureUrl).getBytes(StandardCharsets.UTF_8);
        byte[] sdk = Files.readAllBytes(SDK);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            switch (exchange.getRequestURI().getPath()) {
                case "/catalogue" -> answer(exchange, 200, "text/html; charset=utf-8", page);
                case "/posthog.js" -> answer(exchange, 200, "text/javascript; charset=utf-8", sdk);
                default -> answer(exchange, 404, "text/plain", new byte[0]);
            }
        });
        server.start();
        return new Catalogue(server);
    }

    String url() {
        return url;
    }

    /** Sends every click to capture, in batches PostHog's server SDKs would send, each answered {"status": 1}. */
    int sendClicks(String captureUrl, String token) throws Exception {
        List<String> chains = new ArrayList<>();
        for (int card = FIRST_CLICKED_CARD; card <= CARDS + GONE / TAGS.length; card++) {
            for (int position = 1; position <= TAGS.length; position++) {
                chains.add(chain(card, position));
            }
        }
        assertThat(chains).hasSize(ROWS);
        for (int i = 1; i < MOST_CLICKED; i++) {
            chains.add(chain(CARDS, 3));
        }
        for (int from = 0; from < chains.size(); from += 1_000) {
            ObjectNode body = JSON.createObjectNode().put("api_key", token);
            ArrayNode batch = body.putArray("batch");
            for (String chain : chains.subList(from, Math.min(chains.size(), from + 1_000))) {
                batch.addObject().put("event", "$autocapture").put("distinct_id", "catalogue-visitor")
                        .putObject("properties").put("$current_url", url).put("$event_type", "click").put("$elements_chain", chain);
            }
            HttpResponse<String> sent = HTTP.send(HttpRequest.newBuilder(URI.create(captureUrl + "/batch/")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        }
        return chains.size();
    }

    /** What posthog-js records for a click on the card's element at that position (1 to 4), up to body. */
    private static String chain(int card, int position) {
        String sku = "sku-" + card;
        Element clicked = switch (position) {
            case 1 -> Element.builder().tagName("h3").text("Product " + card).build();
            case 2 -> Element.builder().tagName("span").attrClass("price").attribute("attr__class", "price").text("9.99").build();
            case 3 -> Element.builder().tagName("button").attrClass("btn", "add").attribute("attr__class", "btn add").text("Add").build();
            default -> Element.builder().tagName("a").attrClass("more").attribute("attr__class", "more").attribute("attr__href", "#" + sku)
                    .href("#" + sku).text("More").build();
        };
        return ChainEncoder.encode(List.of(
                new Element(clicked.text(), clicked.tagName(), clicked.attrClass(), clicked.href(), null, position, 1, clicked.attributes(), 0),
                Element.builder().tagName("li").attrClass("card").attribute("attr__class", "card").attribute("attr__data-sku", sku)
                        .nthChild(card).nthOfType(card).order(1).build(),
                Element.builder().tagName("ul").attrClass("products").attribute("attr__class", "products").nthChild(2).nthOfType(1).order(2).build(),
                Element.builder().tagName("main").nthChild(1).nthOfType(1).order(3).build(),
                Element.builder().tagName("body").nthChild(2).nthOfType(1).order(4).build()));
    }

    private static String html(String token, String captureUrl) throws IOException {
        StringBuilder cards = new StringBuilder();
        for (int card = 1; card <= CARDS; card++) {
            cards.append("<li class=\"card\" data-sku=\"sku-").append(card).append("\"><h3>Product ").append(card)
                    .append("</h3><span class=\"price\">9.99</span><button class=\"btn add\">Add</button><a class=\"more\" href=\"#sku-")
                    .append(card).append("\">More</a></li>");
        }
        String config = JSON.writeValueAsString(JSON.createObjectNode().put("api_host", captureUrl).put("autocapture", false)
                .put("capture_pageview", false).put("opt_out_useragent_filter", true).put("persistence", "memory").put("disable_session_recording", true));
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Catalogue - Clickmap test shop</title><style>"
                + "body { font-family: sans-serif; margin: 0 24px; } .card { display: flex; gap: 12px; align-items: baseline; margin: 4px 0; }"
                + " h3 { font-size: 14px; margin: 0; width: 120px; }</style></head><body><main><h1>Catalogue</h1><ul class=\"products\">" + cards
                + "</ul></main><script src=\"/posthog.js\"></script><script>posthog.init(" + JSON.writeValueAsString(token) + ", " + config
                + ")</script></body></html>";
    }

    private static void answer(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
