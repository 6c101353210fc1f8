-- What a channel should show now, by the hub's reckoning, written once (issue 18): the stock push,
-- the raise room and the reconciliation read it from here instead of each repeating the sum.
--   ordered_units: the channel's ordered units the hub knows of (reservations not released)
--   expected:      the last confirmed push less the orders learnt of since; NULL before any push
--   may_sell:      what the channel may still sell: expected, or while it settles after an absolute
--                  write to 0, the units it showed before (held), whichever is more
CREATE VIEW channel_stock_expected AS
SELECT cs.channel_id,
       cs.sku,
       o.ordered_units,
       CASE WHEN cs.pushed_value IS NULL THEN NULL
            ELSE greatest(0, cs.pushed_value - (o.ordered_units - cs.orders_at_push)) END AS expected,
       CASE WHEN cs.pushed_value IS NULL THEN NULL
            ELSE greatest(0, cs.pushed_value - (o.ordered_units - cs.orders_at_push),
                          CASE WHEN cs.settling_since IS NOT NULL THEN cs.held ELSE 0 END) END AS may_sell
  FROM channel_stock cs
 CROSS JOIN LATERAL (SELECT coalesce(sum(r.quantity), 0) AS ordered_units
                       FROM stock_reservation r
                      WHERE r.channel_id = cs.channel_id AND r.sku = cs.sku AND r.state <> 'RELEASED') o;
