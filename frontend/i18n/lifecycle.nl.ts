/** Dutch texts of a request's lifecycle after planning: confirm, cancelled and done states, flagged days (merged into `nl`). */
export const lifecycleNl = {
  'status.confirmVisit': 'Bezoek bevestigen',
  'status.confirmText': 'Klopt deze datum? Bevestig het bezoek met één klik, dan weet de crew dat u de wagen verwacht.',
  'status.confirmedNotice': 'Dank u: het bezoek is bevestigd.',
  'status.movedText':
    'Het bezoek is verzet naar een nieuwe datum. Bevestig de nieuwe datum, of annuleer als die niet uitkomt.',
  'status.cancelledHeading': 'Deze aanvraag is geannuleerd',
  'status.cancelledText':
    'Het bezoek gaat niet door. De crew is op de hoogte; een eerder gemaakte agenda-afspraak wordt in uw agenda geschrapt als u de agenda-link gebruikt.',
  'status.cancelledOn': 'Geannuleerd op {at}.',
  'status.declinedHeading': 'Deze aanvraag is afgewezen',
  'status.doneHeading': 'Het bezoek is uitgevoerd',
  'status.doneText': 'De techniekwagen was op {date} bij u. Dank voor de gastvrijheid!',
  'inbox.endedAfterPlanning': 'Na inplannen beëindigd',
  'inbox.endedBy': '{status} door {by} op {at}',
  'inbox.bySchool': 'de school',
  'inbox.bySystem': 'het systeem',
  'inbox.byCrew': 'de crew',
  'inbox.wasOn': 'Stond op {date}, {truck}.',
  'inbox.markDone': 'Uitgevoerd',
  'inbox.doneAnnounce': '{reference} is uitgevoerd.',
  'board.flags.heading': 'Gewijzigd na publiceren',
  'board.flags.intro':
    'Deze gepubliceerde dagen zijn veranderd: een bezoek ging eraf. De dag is opnieuw getimed; vul het gat eventueel met een bezoek uit de wachtrij (maak een nieuw plan vanaf dit plan).',
  'board.flags.item': '{date}, {truck}: {school} ({reference}) {kind}, {from}–{to} vrij',
  'board.flags.cancelled': 'geannuleerd',
  'board.flags.declined': 'afgewezen',
  'board.flags.unplanned': 'eraf gehaald',
  'board.flags.publish_conflict': 'tijdens het publiceren gewijzigd',
  'board.flags.candidates': 'Gat vullen: kandidaten',
  'board.flags.noCandidates': 'Geen wachtende aanvraag past op deze dag.',
  'board.flags.candidatesFor': 'Kandidaten voor het gat van {reference}',
  'board.flags.candidate':
    '{school} ({reference}): {start}–{end}, dag {km} km. Plaats het bezoek met een nieuw plan vanaf het gepubliceerde plan.',
  'board.flags.fill': 'Inplannen',
  'board.flags.filled':
    '{reference} ({school}) is ingepland op {date}, {start}–{end}; de school krijgt een e-mail om te bevestigen.',
  'board.flags.seen': 'Gezien',
  'board.flags.daySheet': 'Dagblad',
  'board.publish.conflicts': 'Niet gepubliceerd, want intussen gewijzigd:',
  'form.weeksRefused': 'Deze weken kunnen niet worden ingepland.',
} as const;
