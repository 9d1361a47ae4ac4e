package io.sark.opa.deployment;

import io.quarkus.deployment.IsDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import io.sark.opa.runtime.devui.PolicyJsonRpcService;
import java.util.List;

/** The Dev UI card: the loaded policies, and a form that evaluates an entrypoint against an input. */
class DevUiProcessor {

    @BuildStep(onlyIf = IsDevelopment.class)
    CardPageBuildItem card(List<CompiledPolicyBuildItem> compiled) {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addPage(Page.webComponentPageBuilder()
                .title("Policies")
                .componentLink("qwc-sark-opa-policies.js")
                .icon("font-awesome-solid:scale-balanced")
                .staticLabel(String.valueOf(compiled.size())));
        return card;
    }

    @BuildStep(onlyIf = IsDevelopment.class)
    JsonRPCProvidersBuildItem jsonRpc() {
        return new JsonRPCProvidersBuildItem(PolicyJsonRpcService.class);
    }
}
