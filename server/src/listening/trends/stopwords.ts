// Function words in the languages the simulator and most of our users write (en, es, fr, de).
// Folded (no accents), since terms are compared after foldText.
const WORDS = `
a about above after again against all am an and any are as at be because been before being below between
both but by can cannot could did do does doing down during each few for from further had has have having he
her here hers him his how i if in into is it its just me more most my no nor not now of off on once only or
other our out over own same she should so some such than that the their them then there these they this those
through to too under until up very was we were what when where which while who whom why will with would you
your yours im ive dont cant didnt doesnt isnt wasnt its thats theres got get gets still again already also
really one ok lol s t u ur via amp rt anyone anybody someone thanks please hey
el la los las de del y o en un una que es por para con no se su al lo como mas pero mi me le ya muy
le la les des du de et ou en un une est pour pas que qui dans sur avec au aux ce ces mon ma mes tres
der die das den dem des und oder ein eine ist nicht zu mit auf fur von im am bei seit sehr ich mein meine
`;

export const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
