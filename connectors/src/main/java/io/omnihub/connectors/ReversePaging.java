package io.omnihub.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Reads every page of a window from the last page back to the first. A window's list is sorted by
 * modified time; an order modified during the pull leaves the window, and everything after it moves
 * one place towards the front. Reading backwards, such a move can only show an order twice, never
 * hide one; reading forwards it would hide one. Taobao documents this as the way to page
 * ("倒序翻页"); the same holds for any list that only loses entries while it is read.
 */
public final class ReversePaging {

    private ReversePaging() {}

    /** One page of a window: its response, asked for by page number and page size. */
    @FunctionalInterface
    public interface PageQuery {
        JsonNode page(long pageNo, int pageSize);
    }

    /**
     * A whole window: a one-row page for the platform's count, then every page from the last back.
     *
     * @param totalField the count's field in a page response (JOS orderTotal, Doudian total)
     * @param listField  the array of orders in a page response
     */
    public static OrderFeed.Window window(
            int pageSize, long firstPage, PageQuery query, String totalField, String listField) {
        long total = query.page(firstPage, 1).path(totalField).asLong();
        return new OrderFeed.Window(
                readAll(total, pageSize, firstPage, p -> {
                    List<JsonNode> orders = new ArrayList<>();
                    query.page(p, pageSize).path(listField).forEach(orders::add);
                    return orders;
                }),
                total);
    }

    /**
     * @param total     the window's size as the platform reported it
     * @param firstPage the platform's first page number (1 for TOP and JOS, 0 for Doudian)
     * @param page      fetches one page by number
     */
    public static List<JsonNode> readAll(long total, int pageSize, long firstPage, LongFunction<List<JsonNode>> page) {
        long pages = (total + pageSize - 1) / pageSize;
        List<JsonNode> all = new ArrayList<>();
        for (long p = firstPage + pages - 1; p >= firstPage; p--) {
            all.addAll(page.apply(p));
        }
        return all;
    }
}
