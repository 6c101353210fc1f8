package io.omnihub.hub.orders;

import io.omnihub.hub.security.Callers;
import io.omnihub.hub.web.ApiProblem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Contract §5: {@code GET /api/orders/{channelId}/{channelOrderId}} returns the canonical order. */
@RestController
@RequestMapping("/api/orders")
public class OrdersController {

    private final OrderStore orders;
    private final Callers callers;

    public OrdersController(OrderStore orders, Callers callers) {
        this.orders = orders;
        this.callers = callers;
    }

    /** The buyer's phone in full for an operator only. */
    @GetMapping("/{channelId}/{channelOrderId}")
    public ResponseEntity<String> order(@PathVariable String channelId, @PathVariable String channelOrderId) {
        return orders.find(channelId, channelOrderId)
                .map(o -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(callers.write(o)))
                .orElseThrow(() -> ApiProblem.notFound(
                        "Order not found", "No order " + channelOrderId + " from channel " + channelId));
    }
}
