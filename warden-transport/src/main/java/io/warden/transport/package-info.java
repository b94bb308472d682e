/**
 * Netty adapters for the client port: framing with the size bound, handing decoded inputs to the
 * driver, and encoding the driver's outputs. No protocol decisions are made here; they belong to
 * {@link io.warden.server.InboundDecoder} and {@link io.warden.server.ServerCore}.
 */
package io.warden.transport;
