/**
 * Where the request pipeline meets the consensus core: {@link
 * io.warden.server.replication.ReplicatedServer} runs a {@link io.warden.server.ServerCore} over a
 * {@link io.warden.zab.ZabCore}, so that proposals are replicated by ZAB and every server applies
 * the same committed transactions in the same order. Deterministic, like both cores.
 */
package io.warden.server.replication;
