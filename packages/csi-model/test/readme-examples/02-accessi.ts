// SPDX-License-Identifier: BSD-3-Clause
import { accessResource, canAccess, newId } from '@riuso-sociale/csi-model';

const persona = newId('persona');
const presaInCarico = newId('presa-in-carico');
// un record Operatore va bene così com'è (id, ruolo, attivo, ente); per un Ambito anche enti: ['A944', 'G467']
const op = { id: newId('operatore'), ruolo: 'assistente-sociale', attivo: true, ente: { belfiore: 'F205' } } as const;
const assegnazioni = [{ operatore: op.id, presaInCarico, persona, status: 'attiva', dal: '2025-01-01' }] as const;
const ctx = { at: '2025-03-01T09:30:00Z' as never, assegnazioni: assegnazioni as never };
const intervento = { id: newId('intervento'), persona, presaInCarico, ente: { belfiore: 'F205' } };

console.log(canAccess(op, 'read', accessResource('intervento', intervento), ctx).rule); // 'allowed'
const diRoma = { ...intervento, ente: { belfiore: 'H501' } };
const d = canAccess(op, 'read', accessResource('intervento', diRoma), ctx);
// il record è del Comune di Roma; l'evento va nel registro dell'Ente che detiene il record
console.log(d.rule, d.audit.ente); // 'wrong-ente' 'H501'
