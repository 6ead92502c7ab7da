import type { BlockList } from "node:net";
export function plainAddress(address: string | undefined | null): string;
export function trustedProxies(setting: string | undefined): BlockList;
export function isTrusted(trusted: BlockList, address: string): boolean;
export function clientAddress(trusted: BlockList, socketAddress: string | undefined, forwardedFor: string | string[] | undefined): string;
