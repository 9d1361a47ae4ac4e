import { QwcHotReloadElement, html, css } from 'qwc-hot-reload-element';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/grid';
import '@vaadin/select';
import '@vaadin/text-area';
import '@vaadin/button';
import '@vaadin/progress-bar';

/** The loaded policies, and a form that asks one entrypoint for a decision. */
export class QwcSarkOpaPolicies extends QwcHotReloadElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 1em; padding: 1em; }
        .form { display: flex; flex-direction: column; gap: 0.5em; max-width: 60em; }
        pre { background: var(--lumo-contrast-5pct); padding: 0.5em; white-space: pre-wrap; }
        .error { color: var(--lumo-error-text-color); }
    `;

    static properties = {
        _policies: { state: true },
        _entrypoint: { state: true },
        _input: { state: true },
        _answer: { state: true },
    };

    constructor() {
        super();
        this._input = '{"user": "alice"}';
    }

    connectedCallback() {
        super.connectedCallback();
        this.hotReload();
    }

    hotReload() {
        this.jsonRpc.getPolicies().then(response => {
            this._policies = response.result;
            const entrypoints = this._entrypoints();
            if (!entrypoints.includes(this._entrypoint)) {
                this._entrypoint = entrypoints[0];
            }
        });
    }

    _entrypoints() {
        return (this._policies || []).flatMap(policy => policy.entrypoints);
    }

    _evaluate() {
        this._answer = null;
        this.jsonRpc.evaluate({ entrypoint: this._entrypoint, input: this._input })
            .then(response => { this._answer = response.result; });
    }

    render() {
        if (!this._policies) {
            return html`<vaadin-progress-bar indeterminate></vaadin-progress-bar>`;
        }
        return html`
            <vaadin-grid .items="${this._policies}" theme="row-stripes" all-rows-visible>
                <vaadin-grid-column path="name" header="Policy"></vaadin-grid-column>
                <vaadin-grid-column path="revision" header="Revision"></vaadin-grid-column>
                <vaadin-grid-column header="Entrypoints"
                    .renderer="${(root, column, model) => { root.textContent = model.item.entrypoints.join(', '); }}">
                </vaadin-grid-column>
                <vaadin-grid-column path="dataBytes" header="Data (bytes)"></vaadin-grid-column>
                <vaadin-grid-column path="memoryPages" header="Memory (64 KiB pages)"></vaadin-grid-column>
            </vaadin-grid>
            <div class="form">
                <vaadin-select label="Entrypoint" .value="${this._entrypoint}"
                    .items="${this._entrypoints().map(e => ({ label: e, value: e }))}"
                    @value-changed="${e => { this._entrypoint = e.detail.value; }}"></vaadin-select>
                <vaadin-text-area label="Input (JSON; empty for none)" .value="${this._input}"
                    @value-changed="${e => { this._input = e.detail.value; }}"></vaadin-text-area>
                <vaadin-button theme="primary" ?disabled="${!this._entrypoint}" @click="${() => this._evaluate()}">Evaluate</vaadin-button>
                ${this._renderAnswer()}
            </div>`;
    }

    _renderAnswer() {
        if (!this._answer) {
            return html``;
        }
        if (this._answer.error) {
            return html`<pre class="error">${this._answer.error} (${this._answer.micros} µs)</pre>`;
        }
        const decision = this._answer.defined ? JSON.stringify(this._answer.result, null, 2) : 'undefined';
        return html`<pre>${decision}\nallowed: ${this._answer.allowed}, ${this._answer.micros} µs</pre>`;
    }
}
customElements.define('qwc-sark-opa-policies', QwcSarkOpaPolicies);
