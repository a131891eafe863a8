// One colour per PLOVER event type, shared by the map, timeline, network, table and legend.
// Violent and coercive types are warm, cooperative ones cool, verbal ones muted.

export const TYPE_COLORS = {
  ASSAULT: "#c62828",
  COERCE: "#ef6c00",
  THREATEN: "#f9a825",
  PROTEST: "#8e24aa",
  MOBILIZE: "#6d4c41",
  SANCTION: "#d81b60",
  ACCUSE: "#a1887f",
  REJECT: "#78909c",
  REQUEST: "#5c6bc0",
  RETREAT: "#9e9d24",
  CONCEDE: "#26a69a",
  AGREE: "#2e7d32",
  COOPERATE: "#00838f",
  CONSULT: "#1e88e5",
  SUPPORT: "#43a047",
  AID: "#7cb342",
};

export const TYPE_LABELS = {
  ASSAULT: "Assault", COERCE: "Coerce", THREATEN: "Threaten", PROTEST: "Protest",
  MOBILIZE: "Mobilize", SANCTION: "Sanction", ACCUSE: "Accuse", REJECT: "Reject",
  REQUEST: "Request", RETREAT: "Retreat", CONCEDE: "Concede", AGREE: "Agree",
  COOPERATE: "Cooperate", CONSULT: "Consult", SUPPORT: "Support", AID: "Aid",
};

export const TYPE_ORDER = Object.keys(TYPE_COLORS);

export function typeColor(type) {
  return TYPE_COLORS[type] || "#607d8b";
}

export function typeLabel(type) {
  return TYPE_LABELS[type] || type;
}
