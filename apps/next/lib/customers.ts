// The sample customers of the LogPilot seed (`defaultSeed` of @entitle/mock-server): who the sign-in
// page offers. In a real app the customer comes from your own user and organisation tables.

export const CUSTOMERS = [
  { id: 'acme', name: 'Acme Corp', story: 'Basic: at its hard seat limit (3 of 3)' },
  { id: 'globex', name: 'Globex', story: 'Premium: AI assistant on a promotion' },
  { id: 'initech', name: 'Initech', story: 'Enterprise trial, ends in 2 days' },
  { id: 'umbrella', name: 'Umbrella', story: 'Enterprise: unlimited seats' },
] as const

export type CustomerId = (typeof CUSTOMERS)[number]['id']

export function isCustomerId(value: unknown): value is CustomerId {
  return CUSTOMERS.some((c) => c.id === value)
}

export function customerName(id: CustomerId): string {
  return CUSTOMERS.find((c) => c.id === id)?.name ?? id
}
