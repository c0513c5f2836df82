// testOrder builds the order model, which lives in core (core/orderModel.ts); kept here for the OMS tests.
export { testOrder } from '../core/testSupport';
