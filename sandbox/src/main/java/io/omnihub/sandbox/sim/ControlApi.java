package io.omnihub.sandbox.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.omnihub.sandbox.sim.SimShop.Want;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The sandbox's own small API, for people, tests and benchmarks (not a platform protocol):
 * <pre>
 * GET  /control/shops                                    shops with order and SKU counts
 * GET  /control/shops/{shop}/orders                      the 100 most recently changed orders
 * POST /control/shops/{shop}/orders                      place an order: {"lines":[{"skuId":"..","quantity":1}],
 *                                                        "status":"PAID","buyer":{"openId":"..","name":"..",
 *                                                        "phone":"..","city":".."}}; no buyer = one of the
 *                                                        sandbox's crowd; no body = a random order
 * GET  /control/shops/{shop}/orders/{orderId}            one order
 * POST /control/shops/{shop}/orders/{orderId}/status     {"status":"SHIPPED"}
 * GET  /control/shops/{shop}/stock                       every SKU's quantity and price (fen)
 * PUT  /control/shops/{shop}/stock/{skuId}               {"quantity":5} changes stock behind the hub's back
 * POST /control/shops/{shop}/faults                      {"throttleNext":3,"failNext":2,"delayMillis":0,"down":true,
 *                                                        "unavailableForMillis":20000} (the platform's own "back end
 *                                                        unavailable" error, e.g. JD code 66, for that long)
 * </pre>
 */
final class ControlApi implements HttpHandler {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Map<String, SimShop> shops;
    private final SimPeople people = new SimPeople(500, 42);
    private final Random random = new Random();

    ControlApi(Map<String, SimShop> shops) {
        this.shops = shops;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        SimResponse response;
        try {
            response =
                    route(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body(exchange));
        } catch (IllegalArgumentException e) {
            response = problem(400, e.getMessage());
        }
        PlatformSimulator.write(exchange, response);
    }

    private SimResponse route(String method, String path, JsonNode body) {
        String[] parts = path.replaceAll("^/control/?", "").split("/");
        if (parts.length == 1 && parts[0].equals("shops") && method.equals("GET")) {
            ArrayNode list = JSON.createArrayNode();
            shops.values().forEach(s -> list.add(JSON.valueToTree(s.describe())));
            return ok(list);
        }
        if (parts.length < 3 || !parts[0].equals("shops")) {
            return problem(404, "no such control resource: " + path);
        }
        SimShop shop = shops.get(parts[1]);
        if (shop == null) {
            return problem(404, "no shop " + parts[1]);
        }
        String resource = parts[2];
        if (resource.equals("orders") && parts.length == 3 && method.equals("GET")) {
            ArrayNode list = JSON.createArrayNode();
            shop.orders().stream()
                    .sorted(java.util.Comparator.comparing(SimOrder::modifiedAt).reversed())
                    .limit(100)
                    .forEach(o -> list.addObject()
                            .put("orderId", o.orderId())
                            .put("status", o.status().name())
                            .put("modifiedAt", o.modifiedAt().toString()));
            return ok(list);
        }
        if (resource.equals("orders") && parts.length == 3 && method.equals("POST")) {
            return placeOrder(shop, body);
        }
        if (resource.equals("orders") && parts.length == 4 && method.equals("GET")) {
            return shop.order(parts[3]).map(o -> ok(JSON.valueToTree(o))).orElse(problem(404, "no order " + parts[3]));
        }
        if (resource.equals("orders") && parts.length == 5 && parts[4].equals("status") && method.equals("POST")) {
            SimStatus status = SimStatus.valueOf(body.path("status").asText());
            return shop.changeStatus(parts[3], status)
                    .map(o -> ok(JSON.valueToTree(o)))
                    .orElse(problem(404, "no order " + parts[3]));
        }
        if (resource.equals("stock") && parts.length == 3 && method.equals("GET")) {
            ArrayNode list = JSON.createArrayNode();
            shop.skus().forEach(s -> list.add(sku(s)));
            return ok(list);
        }
        if (resource.equals("stock") && parts.length == 4 && method.equals("PUT")) {
            Optional<SimSku> sku = shop.sku(parts[3]);
            if (sku.isEmpty()) {
                return problem(404, "no SKU " + parts[3]);
            }
            if (body.has("quantity")) {
                sku.get().setQuantity(body.get("quantity").asLong());
            }
            if (body.path("deleted").asBoolean(false)) {
                sku.get().delete();
            }
            return ok(sku(sku.get()));
        }
        if (resource.equals("calls") && parts.length == 3 && method.equals("GET")) {
            ArrayNode list = JSON.createArrayNode();
            shop.calls()
                    .forEach(c -> list.addObject()
                            .put("at", c.at().toString())
                            .put("api", c.api())
                            .put("status", c.status()));
            return ok(list);
        }
        if (resource.equals("faults") && method.equals("POST")) {
            shop.faults().throttleNext(body.path("throttleNext").asInt(0));
            shop.faults().failNext(body.path("failNext").asInt(0));
            shop.faults().delay(body.path("delayMillis").asLong(0));
            if (body.has("unavailableForMillis")) {
                shop.faults().unavailableFor(body.path("unavailableForMillis").asLong());
            }
            if (body.has("down")) {
                shop.faults().down(body.path("down").asBoolean());
            }
            return ok(JSON.createObjectNode().put("ok", true));
        }
        return problem(404, "no such control resource: " + method + " " + path);
    }

    private SimResponse placeOrder(SimShop shop, JsonNode body) {
        List<Want> wants = new ArrayList<>();
        for (JsonNode line : body.path("lines")) {
            wants.add(
                    new Want(line.path("skuId").asText(), line.path("quantity").asLong(1)));
        }
        if (wants.isEmpty()) {
            List<SimSku> skus = new ArrayList<>(shop.skus());
            if (skus.isEmpty()) {
                return problem(409, "shop has no SKUs");
            }
            wants.add(new Want(skus.get(random.nextInt(skus.size())).skuId(), 1));
        }
        SimStatus status =
                body.hasNonNull("status") ? SimStatus.valueOf(body.get("status").asText()) : SimStatus.PAID;
        var buyer = body.path("buyer").isObject()
                ? buyer(body.path("buyer"))
                : people.pick(random).on(shop.config().platform());
        return shop.placeOrder(buyer, wants, status)
                .map(o -> new SimResponse(201, write(JSON.valueToTree(o))))
                .orElse(problem(409, "unknown SKU or not enough stock"));
    }

    /**
     * A buyer given by the caller (a labelled benchmark, a test): the platform masks the phone
     * ({@code 138****5678}) as the real open APIs do, whatever the caller sent.
     */
    private static SimOrder.SimBuyer buyer(JsonNode b) {
        String phone = b.path("phone").asText("");
        String masked = phone.length() == 11 && !phone.contains("*")
                ? phone.substring(0, 3) + "****" + phone.substring(7)
                : phone;
        return new SimOrder.SimBuyer(
                b.path("openId").asText(),
                b.path("nick").asText(""),
                b.path("name").asText(""),
                masked,
                b.path("province").asText(""),
                b.path("city").asText(""),
                b.path("district").asText(""),
                b.path("address").asText(""));
    }

    private static ObjectNode sku(SimSku s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("itemId", s.itemId());
        n.put("skuId", s.skuId());
        n.put("outerSkuId", s.outerSkuId());
        n.put("quantity", s.quantity());
        n.put("priceFen", s.priceFen());
        n.put("deleted", s.deleted());
        return n;
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("body is not JSON");
        }
    }

    private static SimResponse ok(JsonNode node) {
        return SimResponse.ok(write(node));
    }

    private static SimResponse problem(int status, String detail) {
        return new SimResponse(
                status, write(JSON.createObjectNode().put("status", status).put("detail", detail)));
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
