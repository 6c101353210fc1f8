package io.omnihub.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnihub.mappings.codes.CodeTableException;
import io.omnihub.mappings.codes.Location;
import io.omnihub.mappings.codes.LocationTable;
import io.omnihub.mappings.codes.SkuCodeTable;
import java.io.StringReader;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CodeTablesTest {

    @Test
    void skuCodesMapBothWaysPerChannelInstanceWithColumnsInAnyOrder() {
        SkuCodeTable t = SkuCodeTable.read(new StringReader("""
                # comment
                sku,channel,channel_sku,channel_item
                TEE-WHT-M,tmall-flagship,5010000001,6010000001
                TEE-WHT-M,jd-official,100012340001,
                """), "test");
        assertThat(t.skuFor("tmall-flagship", "5010000001")).contains("TEE-WHT-M");
        assertThat(t.skuFor("jd-official", "5010000001")).isEmpty();
        assertThat(t.channelSkuFor("jd-official", "TEE-WHT-M")).hasValueSatisfying(c -> {
            assertThat(c.channelSku()).isEqualTo("100012340001");
            assertThat(c.channelItemId()).isNull();
        });
    }

    @Test
    void aChannelSkuMappedToTwoSkusOrAMissingColumnIsRefusedWithTheReason() {
        assertThatThrownBy(() -> SkuCodeTable.read(new StringReader("""
                channel,channel_sku,sku
                a,1,X
                a,1,Y
                """), "codes.csv"))
                .isInstanceOf(CodeTableException.class)
                .hasMessageContaining("both X and Y");
        assertThatThrownBy(() -> SkuCodeTable.read(new StringReader("channel,sku\na,X\n"), "codes.csv"))
                .hasMessageContaining("missing column 'channel_sku'");
        assertThatThrownBy(() -> SkuCodeTable.read(new StringReader("channel,channel_sku,sku\na,,X\n"), "codes.csv"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("channel_sku");
    }

    @Test
    void locationsCarryKindOnlineEligibilityAndZone() {
        LocationTable t = LocationTable.read(new StringReader("""
                channel,store_code,location,kind,online,zone
                pos-east,S001,STORE-SH-001,store,true,
                hub,TRANSIT,IN-TRANSIT,in-transit,false,Asia/Urumqi
                """), "locations.csv");
        Location store = t.locationFor("pos-east", "S001").orElseThrow();
        assertThat(store.kind()).isEqualTo(Location.Kind.STORE);
        assertThat(store.onlineEligible()).isTrue();
        assertThat(store.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(t.location("IN-TRANSIT").orElseThrow().kind()).isEqualTo(Location.Kind.IN_TRANSIT);
        assertThatThrownBy(() ->
                        LocationTable.read(new StringReader("channel,store_code,location,kind\na,S,L,shop\n"), "x"))
                .hasMessageContaining("unknown location kind");
    }
}
