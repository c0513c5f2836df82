import { Segmented } from '../../components/Segmented';
import type { Product } from '../../../contract/api';
import { productTitles } from '../../view/brokerTerms';

/**
 * Kite's order terms: the product (a radio group named "Product"), the "After market (AMO)" checkbox and,
 * for a quantity above the freeze quantity, the line saying so with the "Auto-slice" checkbox.
 */
export function BrokerTerms(props: {
  choices: readonly Product[];
  product: Product | '';
  afterMarket: boolean;
  productError: string | undefined;
  onProduct: (product: Product) => void;
  onAfterMarket: (on: boolean) => void;
  /** Set when the quantity is above the freeze quantity: the line saying so and the trader's "Auto-slice" choice. */
  freezeLine?: string;
  autoSlice: boolean;
  onAutoSlice: (on: boolean) => void;
}) {
  return (
    <div className="ticket-flags">
      <div className="ticket-row">
        <span>Product</span>
        <Segmented<Product>
          label="Product"
          options={props.choices.map((key) => ({ key, label: key, title: productTitles[key] }))}
          value={props.product as Product}
          onChange={props.onProduct}
        />
      </div>
      <div className="flags">
        <label title="Queued by the broker and sent when the market next opens: for orders placed outside market hours">
          <input type="checkbox" checked={props.afterMarket} onChange={(e) => props.onAfterMarket(e.target.checked)} />
          After market (AMO)
        </label>
      </div>
      {props.freezeLine !== undefined && (
        <div className="flags">
          <span className="ticket-info">{props.freezeLine}</span>
          <label title="Send it as several orders of at most the freeze quantity, each checked and tracked on its own">
            <input type="checkbox" checked={props.autoSlice} onChange={(e) => props.onAutoSlice(e.target.checked)} />
            Auto-slice
          </label>
        </div>
      )}
      {props.productError && (
        <div className="field-error" role="alert">
          {props.productError}
        </div>
      )}
    </div>
  );
}
